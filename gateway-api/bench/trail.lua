-- wrk script: GET a 100-row access trail page of a random benchmark dataset, as an auditor.
-- Environment: AUDITOR_TOKEN (load.sh fetches it), BENCH_DATASETS (100).
local token = os.getenv("AUDITOR_TOKEN")
local datasets = tonumber(os.getenv("BENCH_DATASETS") or "100")

request = function()
  local path = string.format("/api/v1/audit/access-events?pageSize=100&datasetId=bench-ds-%04d", math.random(0, datasets - 1))
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

