"""The web app's pages (one module each) and the panels they share; ``app.py`` navigates them."""
