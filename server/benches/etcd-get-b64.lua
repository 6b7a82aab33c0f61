-- wrk script: etcd v3 JSON gateway linearizable range of one of 1000 keys, with the key
-- base64-encoded as the gateway requires (the shared etcd-get.lua sends it raw, which etcd answers
-- with a 400 parse error, so its rate measures error replies rather than reads).
local b64chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
local function b64(data)
  return ((data:gsub('.', function(x)
    local r, b = '', x:byte()
    for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and '1' or '0') end
    return r
  end) .. '0000'):gsub('%d%d%d?%d?%d?%d?', function(x)
    if (#x < 6) then return '' end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == '1' and 2 ^ (6 - i) or 0) end
    return b64chars:sub(c + 1, c + 1)
  end) .. ({ '', '==', '=' })[#data % 3 + 1])
end
local keys = {}
for i = 1, 1000 do keys[i] = b64("bench/" .. tostring(i)) end
request = function()
  local body = '{"key":"' .. keys[math.random(1, 1000)] .. '"}'
  return wrk.format("POST", "/v3/kv/range", {["Content-Type"]="application/json"}, body)
end
