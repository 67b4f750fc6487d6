"""`python -m summarizer ...` is the `summarizer` command."""

from .cli import main

if __name__ == "__main__":
    main()
