"""minhbach: the command line and the site pipeline around the converters."""
