-- wrk script: POST /api/v1/access-requests for a random benchmark dataset, as the requesting institution.
-- Environment: REQUESTER_TOKEN (load.sh fetches it), BENCH_DATASETS (100),
-- BENCH_DENY=1 for requests denied at the dataset level (a for-profit request on an NPU dataset),
-- otherwise every request is a PERMIT releasing all of the dataset's subjects.
local token = os.getenv("REQUESTER_TOKEN")
local datasets = tonumber(os.getenv("BENCH_DATASETS") or "100")
local forProfit = os.getenv("BENCH_DENY") == "1" and "true" or "false"
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }

request = function()
  local body = string.format('{"commercial":false,"datasetId":"bench-ds-%04d","forProfit":%s,"geneticStudy":false,'
      .. '"methodsDevelopment":false,"purpose":{"code":"HMB"},"task":"segmentation:lung-nodule"}',
      math.random(0, datasets - 1), forProfit)
  return wrk.format("POST", "/api/v1/access-requests", headers, body)
end

