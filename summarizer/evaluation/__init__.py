"""Evaluation: scoring records against gold files (scoring), the report and its gate
(report), and gold quote spans (gold_spans)."""
