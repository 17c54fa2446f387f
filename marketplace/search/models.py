"""The search outbox: a change to index, written in the same transaction as the change."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from marketplace.db import UTCDateTime, enum_column, utcnow


class IndexAction(enum.StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"


class SearchOutboxEntry(SQLModel, table=True):
    __tablename__ = "search_outbox"

    id: int | None = Field(default=None, primary_key=True)
    entity_type: str = Field(default="patent", max_length=32)
    entity_id: int = Field(index=True)
    action: IndexAction = Field(sa_column=enum_column(IndexAction))
    enqueued_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BatchRunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class BatchRun(SQLModel, table=True):
    """An office user's batch matching of an uploaded file of needs (``search/batch_runs.py``).

    The needs and the finished run are files in the private store; ``heartbeat_at`` tells a
    run in progress from one whose process died (it is then resumed from the start).
    """

    __tablename__ = "batch_runs"

    id: int | None = Field(default=None, primary_key=True)
    created_by_id: int = Field(foreign_key="users.id", index=True)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    file_name: str = Field(max_length=200)
    top: int
    needs_count: int
    done_count: int = 0
    lines_count: int = 0
    status: BatchRunStatus = Field(default=BatchRunStatus.QUEUED,
                                   sa_column=enum_column(BatchRunStatus))
    heartbeat_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    error: str | None = Field(default=None, max_length=500)


class PatentEmbedding(SQLModel, table=True):
    """A patent's dense vector under one model, for one version of its text (the source of
    truth of the vector index; ``search/embeddings.py``).

    ``content_hash`` is the sha256 of the embedded text (``search_index.embedding.passage_text``):
    the patent is embedded again only when that text changes. ``vector`` holds the float32 row.
    """

    __tablename__ = "patent_embeddings"
    __table_args__ = (UniqueConstraint("patent_id", "model"),)

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(foreign_key="patents.id", index=True)
    model: str = Field(max_length=100)
    content_hash: str = Field(max_length=64)
    vector: bytes = Field(sa_type=LargeBinary)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class NeedEmbedding(SQLModel, table=True):
    """A need's dense vector under one model, stored when the need is saved so that showing
    the need page never embeds; ``content_hash`` is the sha256 of the matched need text."""

    __tablename__ = "need_embeddings"
    __table_args__ = (UniqueConstraint("need_id", "model"),)

    id: int | None = Field(default=None, primary_key=True)
    need_id: int = Field(foreign_key="needs.id", index=True)
    model: str = Field(max_length=100)
    content_hash: str = Field(max_length=64)
    vector: bytes = Field(sa_type=LargeBinary)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class EmbeddingOutboxEntry(SQLModel, table=True):
    """A patent whose text reached the index and whose vector may be missing or stale; the
    background embedding (``search/embeddings.py``) removes it once the vector is indexed."""

    __tablename__ = "embedding_outbox"

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(index=True)
    enqueued_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PatentSentenceEmbeddings(SQLModel, table=True):
    """The dense vectors of each sentence of a patent's ``sentence_source`` under one model,
    computed with the patent's vector so that a page finds the sentence closest to a need in
    meaning by a dot product, without the model (``search/embeddings.py``).

    ``content_hash`` is the sha256 of that text: the sentences are embedded again only when it
    changes. ``vectors`` holds one int8 row per sentence, in order (``pack_rows``).
    """

    __tablename__ = "patent_sentence_embeddings"
    __table_args__ = (UniqueConstraint("patent_id", "model"),)

    id: int | None = Field(default=None, primary_key=True)
    patent_id: int = Field(foreign_key="patents.id", index=True)
    model: str = Field(max_length=100)
    content_hash: str = Field(max_length=64)
    vectors: bytes = Field(sa_type=LargeBinary)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
