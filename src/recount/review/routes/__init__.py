"""The review app's routes, one router per area (app.py includes them all)."""
