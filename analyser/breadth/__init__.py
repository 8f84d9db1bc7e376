"""The breadth stage: requirements → vectors → business problems → a verdict.

``embed`` turns requirement texts into vectors (MiniLM by ONNX, or TF-IDF); ``cluster`` groups
the functional requirements into labelled problems; ``score`` measures the breadth signals and
turns them into a calibrated score, a verdict and reasons, against the reference distribution
that ``calibration`` loads. ``projection`` lays the vectors out on a plane for the problem map.
"""
