"""What is made from the finished site for other places: the offline bundle
(bundle.py, opened from disk) and the SCORM packages (scorm.py, for an LMS)."""
