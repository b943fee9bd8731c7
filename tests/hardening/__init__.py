"""The safety claims proved against a real server: faults injected, concurrent clients, hostile
input. Each test restores what it broke, so the suite's shared project goes on working."""
