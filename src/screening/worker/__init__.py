"""The stream worker: a faust-streaming app that decides `screening.events` with the core.

`batch` is the pure step (records in, decisions and dead letters out); `app` is the faust
adapter around it; `snapshots` follows list updates announced on `screening.lists`.
"""
