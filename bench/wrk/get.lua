-- GET /api/fabric/resources/sip_endpoints/{id}, the id picked at random from $BENCH_IDS (one id a line).
local ids = {}
local nextId = 0
function setup(thread)
  thread:set("tid", nextId)
  nextId = nextId + 1
end
function init(args)
  for line in io.lines(os.getenv("BENCH_IDS")) do
    ids[#ids + 1] = line
  end
  math.randomseed(os.time() * 100 + tid)
end
function request()
  return wrk.format("GET", "/api/fabric/resources/sip_endpoints/" .. ids[math.random(#ids)])
end
