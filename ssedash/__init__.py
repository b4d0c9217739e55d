"""ssedash: the GSEF capacity-building dashboard's package. Pages draw; this package decides."""

__version__ = "0.1.0"
