"""`python -m gongbao` runs the command line."""

from gongbao.cli import app

app()
