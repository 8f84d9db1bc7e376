from analyser.cli.commands import main

main()
