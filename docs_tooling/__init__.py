"""Build and test machinery of the site: figures, notebooks, page guards, doctest devices."""
