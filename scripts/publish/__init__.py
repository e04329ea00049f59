"""What ships: finishing the built site (search split, anchors, embed pages), the
Content-Security-Policy, the offline bundle and the SCORM packages."""
