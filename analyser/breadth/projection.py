"""Requirement vectors → 2-D coordinates for the problem map (principal components).

Deterministic: the same vectors give the same map, each axis signed so that its largest
loading is positive (an SVD may flip signs between runs or machines).

The SVD runs on one BLAS thread: for a tall, thin matrix OpenBLAS's threads mostly wait on each
other (and on onnxruntime's threads, still spinning after the embed stage), which made it
10–100× slower than one thread, for the same result to the bit.
"""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_limits


def project(vectors: np.ndarray) -> np.ndarray:
    """The first two principal components of ``vectors`` (shape (n, 2); zeros if n < 2).

    Examples:
        >>> import numpy as np
        >>> points = project(np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]))
        >>> points.shape
        (3, 2)
    """
    n_rows = vectors.shape[0]
    out = np.zeros((n_rows, 2))
    if n_rows < 2:
        return out
    centred = vectors - vectors.mean(axis=0)
    with threadpool_limits(limits=1, user_api="blas"):
        _, _, components = np.linalg.svd(centred, full_matrices=False)
    components = components[:2]
    signs = np.sign(components[np.arange(len(components)), np.abs(components).argmax(axis=1)])
    components = components * np.where(signs == 0, 1.0, signs)[:, None]
    coordinates = centred @ components.T
    out[:, : coordinates.shape[1]] = coordinates
    return np.round(out, 6)
