"""Training-side code for credscore: data preparation, config, loop, evaluation.

Never imported by ``credscore`` itself.
"""
