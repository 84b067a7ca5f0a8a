#!/usr/bin/env python3
"""Rebuilds the Genesys contract fixtures in src/test/resources/genesys from ../shared/genesys-spec.

The fixtures are a cut of the shared spec, never edited by hand: each operation, definition, topic index entry,
topic-to-class mapping and topic schema file is copied unchanged, so GenesysFixturesAgreementTest can compare it
with the shared spec one to one. What is cut is declared below; add to it and run again to carry more.

    scripts/refresh-genesys-fixtures.py [path/to/genesys-spec]     # default: ../shared/genesys-spec
"""
import json
import pathlib
import shutil
import sys

OPENAPI = "openapi-outbound-subset.sdk-reconstructed.json"

# path -> methods carried. The contact calls dialgate makes, then what later work needs (bulk read, upsert,
# notification channels and subscriptions, campaign reads).
OPERATIONS = {
    "/api/v2/outbound/contactlists/{contactListId}/contacts/{contactId}": ["get", "put"],
    "/api/v2/outbound/contactlists/{contactListId}/contacts": ["post"],
    "/api/v2/outbound/contactlists/{contactListId}/contacts/bulk": ["post"],
    "/api/v2/notifications/channels": ["post"],
    "/api/v2/notifications/channels/{channelId}": ["head"],
    "/api/v2/notifications/channels/{channelId}/subscriptions": ["get", "put", "post", "delete"],
    "/api/v2/outbound/campaigns/{campaignId}": ["get"],
    "/api/v2/outbound/campaigns/{campaignId}/interactions": ["get"],
}

# Definitions carried although no carried operation names them: the error document of every non-2xx answer.
EXTRA_DEFINITIONS = ["ErrorBody"]

DETAIL = "v2.detail.events.conversation.{id}."
# Topics whose eventBody schema is carried: every topic dialgate routes (io.dialgate.events.TopicRoute), then the
# campaign topic later work needs.
TOPICS = [
    "v2.outbound.voice.campaigns.contact.preContact",
    "v2.outbound.voice.campaigns.contact.postContact",
    "v2.outbound.preview.campaigns.contact.preContact",
    "v2.outbound.preview.campaigns.contact.postContact",
    *(DETAIL + sub for sub in ["outbound", "customer.start", "customer.end", "user.start", "user.end", "acd.start",
                               "acd.end", "acw", "wrapup", "voicemail.start", "voicemail.end"]),
    "v2.routing.queues.{id}.conversations",
    "v2.routing.queues.{id}.conversations.calls",
    "v2.routing.queues.{id}.conversations.callbacks",
    "v2.users.{id}.conversations",
    "v2.users.{id}.conversations.calls",
    "v2.users.{id}.conversations.callbacks",
    "v2.outbound.campaigns.{id}",
]
# Topic-to-class entries carried besides those of TOPICS: the channel's system messages, which have no schema file.
MAPPING_PREFIXES = ["v2.system."]


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    spec = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root.parent / "shared" / "genesys-spec").resolve()
    out = root / "src" / "test" / "resources" / "genesys"
    (out / "topics").mkdir(parents=True, exist_ok=True)
    write_json(out / OPENAPI, cut_openapi(read_json(spec / OPENAPI)))
    cut_topics(spec / "topics", out / "topics")
    print(f"fixtures in {out.relative_to(root)} rebuilt from {spec}")


def cut_openapi(document):
    paths = {}
    for path, methods in OPERATIONS.items():
        paths[path] = {method: document["paths"][path][method] for method in methods}
    definitions = document["definitions"]
    names = set(refs(paths)) | set(EXTRA_DEFINITIONS)
    pending = list(names)
    while pending:
        for name in refs(definitions[pending.pop()]):
            if name not in names:
                names.add(name)
                pending.append(name)
    cut = {key: value for key, value in document.items() if key not in ("paths", "definitions")}
    cut["paths"] = paths
    cut["definitions"] = {name: value for name, value in definitions.items() if name in names}
    return cut


def refs(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            yield ref[len("#/definitions/"):]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def cut_topics(source, target):
    index = read_json(source / "index.json")
    entries = {topic: index["topics"][topic] for topic in index["topics"] if topic in TOPICS}
    missing = set(TOPICS) - set(entries)
    if missing:
        sys.exit(f"no schema in {source} for {sorted(missing)}")
    for stale in target.glob("*.json"):
        stale.unlink()
    write_json(target / "index.json", {**index, "topics": entries})
    for entry in entries.values():
        shutil.copyfile(source / entry["file"], target / entry["file"])
    mappings_file = next(source.glob("notificationMappings.*.json"))
    mappings = read_json(mappings_file)
    mappings["notifications"] = [m for m in mappings["notifications"]
                                 if m["topic"] in TOPICS or m["topic"].startswith(tuple(MAPPING_PREFIXES))]
    write_json(target / mappings_file.name, mappings)


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
