"""The client's version: the hub's Maven version in PEP 440 form (0.1.0-SNAPSHOT is 0.1.0.dev0).

A test compares it with the root pom.xml, so the two cannot drift.
"""

__version__ = "0.1.0.dev0"
