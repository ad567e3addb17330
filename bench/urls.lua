-- wrk script of bench/run.sh: cycles round-robin through a URL list, one request per line.
-- A line is "path" or "path<TAB>Authorization value" (else the -H one). Usage:
--   URL_LIST=LIST wrk ... -s bench/urls.lua http://host:port   (or: ... http://host:port -- LIST)
-- Short lists are formatted once at the start (so wrk's Lua costs the same per request against
-- every server); long lists (first-touch numbers, used once each) are formatted per request.
-- Past the end the list starts over; done() says how often (run.sh notes it for lists that
-- must be used once, MEASURE_ONCE=1). URL_PAUSE_MS=N makes each connection wait N ms after an
-- answer before its next request (a steady rate below saturation; wrk times each request from
-- its sending, so the pause is not in the latencies).
local paths, auths, reqs = {}, {}, nil
local i = 0
wrapped = 0
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  local name = args[1] or os.getenv("URL_LIST")
  local f = assert(io.open(name), "URL list " .. tostring(name))
  for line in f:lines() do
    local p, a = line:match("^([^\t]+)\t?(.*)$")
    if p then
      paths[#paths + 1] = p
      auths[#auths + 1] = a
    end
  end
  f:close()
  assert(#paths > 0, "empty URL list")
  if #paths <= 50000 then
    reqs = {}
    for k = 1, #paths do reqs[k] = fmt(k) end
  end
end

function fmt(k)
  local h = {}
  for name, value in pairs(wrk.headers) do h[name] = value end
  if auths[k] ~= "" then h["Authorization"] = auths[k] end
  return wrk.format("GET", paths[k], h)
end

function request()
  i = i + 1
  if i > #paths then
    i = 1
    wrapped = wrapped + 1
  end
  if reqs then return reqs[i] end
  return fmt(i)
end

local pause = tonumber(os.getenv("URL_PAUSE_MS") or "")
if pause then
  function delay()
    return pause
  end
end

function done(summary, latency, requests)
  local w = 0
  for _, t in ipairs(threads) do w = w + (t:get("wrapped") or 0) end
  io.write(string.format("URL list wrapped %d times\n", w))
end
