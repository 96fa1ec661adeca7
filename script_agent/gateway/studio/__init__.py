"""The script studio's static files (static/): plain HTML, CSS and ES modules, no build step."""
