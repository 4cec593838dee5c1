#!/usr/bin/python3
"""Reference classification metrics from scikit-learn, for SerKit's metric tests.

Reads a JSON list of cases from stdin, each {"truth": [ids], "predicted": [ids], "classes": K},
and writes a JSON list with, per case, what EmoBox's EmoEval reports (accuracy_score,
balanced_accuracy_score, f1_score micro/macro) plus macro/micro precision and recall with
zero_division=0, per-class precision/recall/F1/support over labels=range(K), and
confusion_matrix(labels=range(K)).  Run with Debian's python3-sklearn (/usr/bin/python3).
"""
import json
import sys
import warnings

from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix,
                             f1_score, precision_recall_fscore_support, precision_score,
                             recall_score)

warnings.simplefilter("ignore")  # zero-division and "y_pred contains classes not in y_true"


def metrics(case):
    y, p, k = case["truth"], case["predicted"], case["classes"]
    per_p, per_r, per_f, support = precision_recall_fscore_support(
        y, p, labels=list(range(k)), zero_division=0)
    return {
        "wa": accuracy_score(y, p),
        "ua": balanced_accuracy_score(y, p),
        "macro_precision": precision_score(y, p, average="macro", zero_division=0),
        "macro_recall": recall_score(y, p, average="macro", zero_division=0),
        "macro_f1": f1_score(y, p, average="macro", zero_division=0),
        "micro_precision": precision_score(y, p, average="micro", zero_division=0),
        "micro_recall": recall_score(y, p, average="micro", zero_division=0),
        "micro_f1": f1_score(y, p, average="micro", zero_division=0),
        "precision": per_p.tolist(),
        "recall": per_r.tolist(),
        "f1": per_f.tolist(),
        "support": [int(s) for s in support],
        "confusion": confusion_matrix(y, p, labels=list(range(k))).tolist(),
    }


if __name__ == "__main__":
    json.dump([metrics(c) for c in json.load(sys.stdin)], sys.stdout)
