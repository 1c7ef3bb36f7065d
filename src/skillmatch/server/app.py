"""The routes of the service: match, compare and score texts or files; describe the taxonomy.

Each route reads its request (JSON, or a multipart form of files), then reads and matches the
documents on a worker thread (:class:`~skillmatch.server.guards.Workers`) and answers JSON.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from pydantic import BaseModel, TypeAdapter, ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from skillmatch.batch import Task, columns, iter_rows, rank_rows
from skillmatch.errors import InputError, SkillmatchError, UnsupportedFormatError
from skillmatch.matcher import SkillMatcher
from skillmatch.models import Comparison, MatchResult, TextKind
from skillmatch.readers import Document, document_from_record, read_bytes
from skillmatch.scoring import compare
from skillmatch.server.guards import BodyLimit, ServiceError, Workers, error_body, status_of
from skillmatch.server.schemas import (
    REQUEST_MODELS,
    CompareRequest,
    ErrorBody,
    Health,
    MatchRequest,
    ScoreRequest,
    ScoreResponse,
)
from skillmatch.server.settings import ServerSettings

__all__ = ["create_app"]

logger = logging.getLogger("skillmatch")

M = TypeVar("M", bound=BaseModel)
_DATE = TypeAdapter(date)
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (413, "Over a size limit (body, file, text)"),
        (415, "Not JSON or multipart, or a file type no reader handles"),
        (422, "A text or file that cannot be used (empty, damaged, malformed request)"),
        (503, "Every place is taken; retry"),
        (504, "Over the time limit"),
    )
}


class _BadRequest(Exception):
    def __init__(self, exc: ValidationError, where: str) -> None:
        super().__init__(where)
        self.errors = json.loads(
            exc.json(include_url=False, include_context=False, include_input=False)
        )
        self.where = where


def _json(data: Any, status: int = 200) -> Response:
    """Answer JSON; a text with lone surrogates (valid in a JSON string) is escaped, not lost."""
    if isinstance(data, BaseModel):
        try:
            return Response(data.model_dump_json(), status, media_type="application/json")
        except ValueError:  # unencodable code points: fall back to \\u escapes
            data = data.model_dump(mode="json")
    body = json.dumps(data, ensure_ascii=True, allow_nan=False)
    return Response(body, status, media_type="application/json")


def _request_body(
    model: type[BaseModel], multipart: dict[str, Any], description: str
) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}},
                "multipart/form-data": {"schema": multipart},
            },
        }
    }


_FILE = {"type": "string", "format": "binary"}
_KIND = {"type": "string", "enum": ["resume", "job"]}


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """Build the matcher and return the ASGI app (run it with uvicorn, or ``skillmatch serve``)."""
    import skillmatch

    settings = settings or ServerSettings()
    matcher = (
        SkillMatcher.default()
        if settings.taxonomy is None
        else SkillMatcher.from_taxonomy(settings.taxonomy)
    )
    workers = Workers(settings.concurrency, settings.queue, settings.timeout)
    limits = settings.limits
    app = FastAPI(
        title="skillmatch",
        version=skillmatch.__version__,
        description="Skills in résumés and job postings, with evidence. POST JSON texts or "
        "multipart files; errors are JSON named like the library's exceptions.",
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)

    @app.exception_handler(SkillmatchError)
    async def library_error(request: Request, exc: SkillmatchError) -> Response:
        status = status_of(exc)
        body = error_body(type(exc).__name__, str(exc), status)
        return Response(body, status, media_type="application/json")

    @app.exception_handler(ServiceError)
    async def service_error(request: Request, exc: ServiceError) -> Response:
        body = error_body(exc.name, str(exc), exc.status)
        return Response(body, exc.status, media_type="application/json")

    @app.exception_handler(_BadRequest)
    async def bad_request(request: Request, exc: _BadRequest) -> Response:
        first = exc.errors[0] if exc.errors else {"loc": (), "msg": "invalid"}
        where = " -> ".join(str(p) for p in (exc.where, *first.get("loc", ())) if p != "")
        body = error_body("InputError", f"{where}: {first.get('msg')}", 422, detail=exc.errors)
        return Response(body, 422, media_type="application/json")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        names = {404: "NotFound", 405: "MethodNotAllowed"}
        name = names.get(exc.status_code, "HTTPError")
        body = error_body(name, str(exc.detail), exc.status_code)
        return Response(body, exc.status_code, media_type="application/json")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        logger.exception("unexpected error in %s %s", request.method, request.url.path)
        body = error_body("InternalError", f"{type(exc).__name__}: an unexpected error", 500)
        return Response(body, 500, media_type="application/json")

    async def read_json(request: Request, model: type[M]) -> M | None:
        """Return the JSON body as ``model``, or None for a multipart form; refuse the rest."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "multipart/form-data":
            return None
        if ctype not in ("application/json", ""):
            raise UnsupportedFormatError(
                "request", f"content type {ctype!r}; send application/json or multipart/form-data"
            )
        raw = await request.body()
        try:
            return model.model_validate_json(raw)
        except ValidationError as exc:
            raise _BadRequest(exc, "body") from None

    async def read_form(request: Request, files: tuple[str, ...]) -> dict[str, list[Any]]:
        try:
            form = await request.form(max_files=settings.max_texts + 2, max_fields=20)
        except Exception as exc:  # starlette's MultiPartException and the parser's errors
            raise InputError(f"request: not a readable multipart form ({exc})") from None
        fields: dict[str, list[Any]] = {}
        for key, value in form.multi_items():
            fields.setdefault(key, []).append(value)
        for name in files:
            for value in fields.get(name, []):
                if not isinstance(value, UploadFile):
                    raise InputError(f"request: form field {name!r} must be a file upload")
        return fields

    async def upload(fields: dict[str, list[Any]], name: str) -> tuple[bytes, str]:
        values = fields.get(name) or []
        if len(values) != 1:
            raise InputError(
                f"request: the form needs exactly one file in field {name!r}, got {len(values)}"
            )
        return await _file_bytes(values[0], name)

    async def _file_bytes(value: UploadFile, field: str) -> tuple[bytes, str]:
        data = await value.read(limits.max_file_bytes + 1)
        return data, Path(value.filename or field).name or field

    def form_text(fields: dict[str, list[Any]], name: str) -> str | None:
        values = [v for v in fields.get(name, []) if isinstance(v, str)]
        return values[0] if values else None

    def form_date(fields: dict[str, list[Any]]) -> date | None:
        value = form_text(fields, "as_of")
        if not value:
            return None
        try:
            return _DATE.validate_python(value)
        except ValidationError as exc:
            raise _BadRequest(exc, "as_of") from None

    def text_doc(text: str, where: str, id: str | None, as_of: date | None) -> Document:
        record = {"id": id, "text": text, "as_of": as_of}
        return document_from_record(record, where=where, limits=limits)

    def file_doc(data: bytes, name: str, as_of: date | None) -> Document:
        doc = read_bytes(data, name, limits=limits)
        return doc if as_of is None else dataclasses.replace(doc, as_of=as_of)

    async def work(fn: Callable[[], Any]) -> Any:
        return await workers.run(fn)

    @app.get("/health", response_model=Health, summary="Is the service up")
    def health() -> Health:
        return Health(
            status="ok",
            version=skillmatch.__version__,
            taxonomy=matcher.taxonomy.name,
            skills=len(matcher.taxonomy.skills),
        )

    @app.get("/taxonomy", response_model=dict[str, Any], summary="The taxonomy in use")
    def taxonomy() -> Response:
        return _json(matcher.taxonomy.to_dict())

    @app.post(
        "/match",
        summary="Skills, coverage and seniority of one text or file",
        responses={200: {"model": MatchResult}, **_ERRORS},
        openapi_extra=_request_body(
            MatchRequest,
            {
                "type": "object",
                "properties": {
                    "file": _FILE,
                    "kind": _KIND,
                    "id": {"type": "string"},
                    "as_of": {"type": "string", "format": "date"},
                },
                "required": ["file"],
            },
            "JSON {text, kind?, id?, as_of?}, or a form with a file (.txt .md .pdf .docx .html).",
        ),
    )
    async def match(request: Request) -> Response:
        body = await read_json(request, MatchRequest)
        kind: TextKind | None
        if body is not None:
            doc_of: Callable[[], Document] = lambda: text_doc(  # noqa: E731
                body.text, "text", body.id, body.as_of
            )
            kind = body.kind
        else:
            fields = await read_form(request, ("file",))
            data, name = await upload(fields, "file")
            as_of = form_date(fields)
            raw_kind = form_text(fields, "kind")
            if raw_kind not in (None, "", "resume", "job"):
                raise InputError(f"kind: {raw_kind!r}; use resume or job, or leave it out")
            kind = "job" if raw_kind == "job" else "resume" if raw_kind == "resume" else None
            doc_of = lambda: file_doc(data, name, as_of)  # noqa: E731
        result = await work(lambda: matcher.match_document(doc_of(), kind=kind))
        return _json(result)

    @app.post(
        "/compare",
        summary="The fit of a résumé to a job posting",
        responses={200: {"model": Comparison}, **_ERRORS},
        openapi_extra=_request_body(
            CompareRequest,
            {
                "type": "object",
                "properties": {"resume": _FILE, "job": _FILE},
                "required": ["resume", "job"],
            },
            "JSON {resume, job, as_of?} texts, or a form with the two files.",
        ),
    )
    async def compare_route(request: Request) -> Response:
        body = await read_json(request, CompareRequest)
        if body is not None:
            resume_of: Callable[[], Document] = lambda: text_doc(  # noqa: E731
                body.resume, "resume", "resume", body.as_of
            )
            job_of: Callable[[], Document] = lambda: text_doc(  # noqa: E731
                body.job, "job", "job", None
            )
        else:
            fields = await read_form(request, ("resume", "job"))
            resume_data, resume_name = await upload(fields, "resume")
            job_data, job_name = await upload(fields, "job")
            resume_of = lambda: file_doc(resume_data, resume_name, None)  # noqa: E731
            job_of = lambda: file_doc(job_data, job_name, None)  # noqa: E731

        def run() -> Comparison:
            resume = matcher.match_document(resume_of(), kind="resume")
            return compare(resume, matcher.match_document(job_of(), kind="job"))

        return _json(await work(run))

    @app.post(
        "/score",
        summary="Rank résumés against a job posting",
        responses={200: {"model": ScoreResponse}, **_ERRORS},
        openapi_extra=_request_body(
            ScoreRequest,
            {
                "type": "object",
                "properties": {"job": _FILE, "resumes": {"type": "array", "items": _FILE}},
                "required": ["job", "resumes"],
            },
            "JSON {job, resumes: [{text, id?, as_of?}]}, or a form with the job file and any "
            "number of résumé files. A résumé that cannot be scored is an error row.",
        ),
    )
    async def score(request: Request) -> Response:
        body = await read_json(request, ScoreRequest)
        tasks: list[Callable[[], Task]] = []
        if body is not None:
            count = len(body.resumes)
            job_of: Callable[[], Document] = lambda: text_doc(  # noqa: E731
                body.job, "job", "job", None
            )
            for i, item in enumerate(body.resumes):
                tasks.append(_task_of(f"resumes[{i}]", item.text, item.id, item.as_of))
        else:
            fields = await read_form(request, ("job", "resumes"))
            job_data, job_name = await upload(fields, "job")
            job_of = lambda: file_doc(job_data, job_name, None)  # noqa: E731
            count = len(fields.get("resumes", []))
            for value in fields.get("resumes", [])[: settings.max_texts]:
                data, name = await _file_bytes(value, "resumes")
                tasks.append(_file_task_of(name, data))
        if count > settings.max_texts:
            raise ServiceError(
                "LimitExceededError",
                f"{count} résumés in one request; the service takes at most {settings.max_texts}",
                413,
            )

        def run() -> ScoreResponse:
            job = matcher.match_document(job_of(), kind="job")
            cols = columns(matcher.taxonomy, job=True)
            rows = iter_rows((make() for make in tasks), matcher, job=job, limits=limits)
            return ScoreResponse(columns=cols, rows=rank_rows(list(rows)))

        return _json(await work(run))

    def _task_of(where: str, text: str, id: str | None, as_of: date | None) -> Callable[[], Task]:
        def make() -> Task:
            try:
                return Task(source=where, document=text_doc(text, where, id, as_of))
            except SkillmatchError as exc:
                return Task(source=where, error=exc)

        return make

    def _file_task_of(name: str, data: bytes) -> Callable[[], Task]:
        def make() -> Task:
            try:
                return Task(source=name, document=read_bytes(data, name, limits=limits))
            except SkillmatchError as exc:
                return Task(source=name, error=exc)

        return make

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for model in REQUEST_MODELS:
                found = model.model_json_schema(ref_template="#/components/schemas/{model}")
                components.update(found.pop("$defs", {}))
                components[model.__name__] = found
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.state.workers = workers
    app.state.matcher = matcher
    return app
