"""The guide from the article: read the scraped article, place its blocks on pages
(content/structure.yml), render each page's Markdown."""
