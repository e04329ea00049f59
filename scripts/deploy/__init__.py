"""Publishing the built site on a real host (issue 12).

- ``settings``: what the maintainer configures (SITE_URL, FRAME_ANCESTORS), checked.
- ``siteurl``: with SITE_URL, hreflang alternates in every page head and robots.txt
  (MkDocs itself writes the canonical links and the absolute sitemap).
- ``rules``: the header rules of the site, derived from the built pages and from
  the one policy source, scripts/publish/csp.py.
- ``headers``, ``nginx``: the same rules written for Netlify / Cloudflare Pages
  (``site/_headers``) and for nginx (``deploy/nginx.conf`` beside the site);
  ``nginx.running`` serves a site through a real nginx for the tests and the benchmark.
- ``check``: ``make check-deploy URL=…``, stdlib only, checks a deployed site rule by rule.
"""
