-- wrk script: POSTs valid, distinct reports (a fresh reportId and selection per request).
-- Usage: wrk ... -s report.lua http://127.0.0.1:PORT/api/v1/reports -- http://127.0.0.1:PORT
local threads = {}
local counter = 0
-- tid is a global of each thread's own Lua state, set by setup() below: a local of this chunk
-- would hide it, and every thread would send the same reports (until 2026-12-04 each went twice)
local origin = "http://127.0.0.1"

function setup(thread)
   thread:set("tid", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   if args[1] ~= nil then origin = args[1] end
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   math.randomseed(os.time() + tid * 7919)
end

function request()
   counter = counter + 1
   local id = string.format("%08x-%04x-4000-8000-%012x", math.random(0, 0x7fffffff), tid, counter)
   local body = string.format('{"reportId":"%s","pageUrl":"%s/articles/%d-%d","pageTitle":"Bench article",'
      .. '"lang":"en","selection":"teh%d","contextBefore":"A sentence with ","contextAfter":" in the middle.",'
      .. '"comment":"bench"}', id, origin, tid, counter % 1000, counter)
   return wrk.format(nil, nil, nil, body)
end
