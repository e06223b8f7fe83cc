"""The dev-set evaluator's parts; ``training.evaluate`` is its command line and public face.

Each part imports only those before it: :mod:`~training.evaluation.bootstrap` (estimates and
intervals), :mod:`~training.evaluation.spans` (span matching and span metrics),
:mod:`~training.evaluation.predictors` (the systems judged), :mod:`~training.evaluation.dev_sets`
(each dev set and :func:`~training.evaluation.dev_sets.evaluate`) and
:mod:`~training.evaluation.tables` (the printed tables).
"""
