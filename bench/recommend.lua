-- wrk script: POST one invented profile to /api/v1/recommend on a kept-alive connection.
wrk.method = "POST"
wrk.body = '{"age": 22, "autonomy": 2, "single_parent": true, "children_under_6": 1, "barriers": ["mobility", "childcare"], "project": "emerging"}'
wrk.headers["Content-Type"] = "application/json"
