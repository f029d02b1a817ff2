"""`python -m recount`: the `recount` command where its script is not on PATH (a venv not
activated, PYTHONPATH pointing at a checkout)."""

from recount.cli import main

if __name__ == "__main__":
    main()
