"""Finishing the built pages: the runtime copied in, the search split by language,
the anchors checked, the embed views, the Content-Security-Policy and the
precompressed copies (postbuild.py, in that order), all edits through html.py.
The products made from the finished site are in scripts/products/, the host
recipes in scripts/deploy/."""
