"""Several app processes over one Chroma server: a document added through one app is found from the other."""
from __future__ import annotations

import base64
import dataclasses

from gradio_client import Client

from ingest.pipeline import run

from conftest import ADDED, NOTE, chroma_server, serving, settings_for

STAFF = {"POLICY_DESK_STAFF_USER": "staff", "POLICY_DESK_STAFF_PASSWORD": "s3cret-pass"}


def test_a_document_added_through_one_app_is_found_from_another(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.md").write_text(NOTE, encoding="utf-8")
    with chroma_server(tmp_path / "chroma-server") as port:
        shared = settings_for(corpus, tmp_path / "data-1", chroma_host="127.0.0.1", chroma_port=port)
        run(shared, progress=False)
        server = {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(port), "POLICY_DESK_WORKERS": "1", **STAFF}
        # each app has its own data folder (feedback); the corpus and the index are shared
        with serving(shared, **server) as first, \
                serving(dataclasses.replace(shared, data_dir=tmp_path / "data-2"), **server) as second:
            one, other = Client(first, verbose=False), Client(second, verbose=False)
            question = ["托育补助每月多少钱"]
            assert "300" not in other.predict(question, api_name="/ask")["answer"]

            content = base64.b64encode(ADDED.encode()).decode()
            refused = one.predict("托育.md", content, "staff", "wrong", api_name="/add_document")
            assert refused["ok"] is False and "用户名和密码" in refused["error"]
            added = one.predict("托育.md", content, "staff", "s3cret-pass", api_name="/add_document")
            assert added["ok"] is True, added

            found = other.predict(question, api_name="/ask")
            assert "300元" in found["answer"] and found["citations"][0]["doc"] == "托育补助通知"
            assert other.predict("托育补助", api_name="/search")["results"][0]["doc"] == "托育补助通知"
            assert not (tmp_path / "data-1" / "chroma").exists()  # nothing went to an embedded store
