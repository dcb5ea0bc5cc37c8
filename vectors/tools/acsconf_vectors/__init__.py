"""The vector generator, in modules (entry point: vectors/tools/generate_vectors.py).

common      flags (Wycheproof notes), expectation and VALUE helpers, the test-row constructor
ram_tables  RAM DetachPolicyFromUser: fixtures and every test, by rule section
vod_tables  VOD DetachAppPolicyFromIdentity: fixtures and every test, by rule section
checks      what a generated file must satisfy (rules, flags, documented codes) and its assembly
writer      the stable JSON layout and the --check / write command
"""
