"""Reading an article: what its words say, as annotations on one parse."""
