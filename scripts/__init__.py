"""The build step: turns content/ (the article, the structure map, the translations)
and quiz/ (the self-assessment) into MkDocs input under docs/, then into site/."""
