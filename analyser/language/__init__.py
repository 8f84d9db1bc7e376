"""The language stage: blocks of a document → candidate statements → requirements.

``nlp`` loads the spaCy pipeline; ``segment`` splits blocks into statements (structure first,
then sentences) and finds their terms (``terms``), actors and external systems (``roles``);
``extract`` decides which statements are requirements and of what kind (``quality``). spaCy
stops here: later stages see plain records.
"""
