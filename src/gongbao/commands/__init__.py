"""Command modules of the `gongbao` CLI; each defines `register(app)` (see gongbao.cli)."""
