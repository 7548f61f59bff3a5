"""The engine's stages, in the order the data flows through them (engine.py wires them):

    match    prefilter candidates -> spaCy docs -> the rules' matches, in projection offsets
    context  the detectors (copylint/context.py) read each match's surroundings; FAQ answers
    decide   every reason a finding stands, is softened or is suppressed (decide.py)
    locate   projection offsets -> lines, columns, excerpts: the ``Finding`` (and its fix)

Each stage takes the previous one's records and returns new ones; none edits another's.
"""
