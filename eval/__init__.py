"""Benchmarks: retrieval quality (qa_dev, ALQAC), answer abstention, speed and memory."""
