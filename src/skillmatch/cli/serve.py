"""``skillmatch serve``: the HTTP service (the optional ``[server]`` extra: FastAPI and uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from skillmatch.cli.options import TaxonomyOption
from skillmatch.cli.output import handle_errors


def serve_command(
    host: Annotated[
        str, typer.Option("--host", metavar="HOST", help="Address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option("--port", "-p", min=0, max=65535, metavar="PORT", help="Port (0: any free)."),
    ] = 8000,
    taxonomy: TaxonomyOption = None,
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency",
            min=1,
            metavar="N",
            help="Requests matched at once (threads); the next ones wait in --queue.",
        ),
    ] = 2,
    queue: Annotated[
        int,
        typer.Option(
            "--queue", min=0, metavar="N", help="Requests that may wait for a worker before 503."
        ),
    ] = 8,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0.001,
            metavar="SECONDS",
            help="Time to read and match the documents of one request; over it: 504.",
        ),
    ] = 30.0,
    max_body: Annotated[
        int,
        typer.Option(
            "--max-body",
            min=1,
            metavar="BYTES",
            help="Largest request body accepted (413 above it).",
        ),
    ] = 20 * 1024 * 1024,
) -> None:
    """Serve match, compare and score over HTTP (JSON in, JSON out; OpenAPI at /openapi.json).

    Needs the server extra: pip install 'skillmatch[server]'.
    """
    try:
        from skillmatch.server import ServerSettings, run
    except ImportError as exc:
        typer.echo(
            f"ImportError: {exc.name or exc} is not installed; skillmatch serve needs the server "
            "extra: pip install 'skillmatch[server]'",
            err=True,
        )
        raise typer.Exit(code=1) from None
    settings = ServerSettings(
        taxonomy=taxonomy,
        concurrency=concurrency,
        queue=queue,
        timeout=timeout,
        max_body_bytes=max_body,
    )
    with handle_errors():
        run(settings, host=host, port=port)
