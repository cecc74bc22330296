#pragma once

// The Lua scripts through which instances change the shared state in Redis. Each runs
// atomically: it checks, changes the state and publishes the event with its place in the
// cluster's order ("s", from `chat:seq`) in one step, so that the order in which instances
// see events is the order of the changes, and a message's id ("id", from `chat:ids`) increases
// in that order too.
//
// Keys: chat:seq (the last event's number), chat:ids (the last message id), chat:ids:reserved
// (ids up to it are recorded as possibly used in the database: Redis may hand them out),
// chat:users (user key -> ClusterMember JSON), chat:names (name uniqueness key -> user key),
// chat:rooms (room key -> {"name","topic"}), chat:instances (the instances' ids),
// chat:hb:<instance> (a heartbeat that expires), chat:iusers:<instance> (its users' keys).
namespace chat::server::clusterscripts {

inline constexpr const char *prefix = "chat:";

// KEYS: seq, users, names, iusers:<instance>. ARGV: channel, event, key, record, folded name,
// the session's token hash ('' for none). -> seq, or the error NAME_TAKEN.
inline constexpr const char *join = R"lua(
local holder = redis.call('HGET', KEYS[3], ARGV[5])
if holder and holder ~= ARGV[3] then return redis.error_reply('NAME_TAKEN') end
if ARGV[6] ~= '' then redis.call('SET', 'chat:session:' .. ARGV[6], ARGV[3]) end
redis.call('HSET', KEYS[3], ARGV[5], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
redis.call('SADD', KEYS[4], ARGV[3])
local seq = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], string.format('{"s":%d,', seq) .. string.sub(ARGV[2], 2))
return seq
)lua";

// KEYS: seq, users, names, iusers:<instance>. ARGV: channel, event, key, folded name.
// -> seq, or 0 when the user was not there (a reaped instance's).
inline constexpr const char *leave = R"lua(
local record = redis.call('HGET', KEYS[2], ARGV[3])
if not record then return 0 end
local session = cjson.decode(record)['sh']
if session then redis.call('DEL', 'chat:session:' .. session) end
redis.call('HDEL', KEYS[2], ARGV[3])
if redis.call('HGET', KEYS[3], ARGV[4]) == ARGV[3] then redis.call('HDEL', KEYS[3], ARGV[4]) end
redis.call('SREM', KEYS[4], ARGV[3])
local seq = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], string.format('{"s":%d,', seq) .. string.sub(ARGV[2], 2))
return seq
)lua";

// KEYS: seq, users, rooms. ARGV: channel, event, user key ('' for none), its new record ('':
// unchanged), room key ('' for none), its record. -> seq, or NO_USER (the user is not joined
// as far as Redis knows: its instance was reaped).
inline constexpr const char *publish = R"lua(
if ARGV[3] ~= '' and redis.call('HEXISTS', KEYS[2], ARGV[3]) == 0 then
  return redis.error_reply('NO_USER')
end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[2], ARGV[3], ARGV[4]) end
if ARGV[5] ~= '' then redis.call('HSET', KEYS[3], ARGV[5], ARGV[6]) end
local seq = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], string.format('{"s":%d,', seq) .. string.sub(ARGV[2], 2))
return seq
)lua";

// KEYS: seq, ids, ids:reserved, users. ARGV: channel, event, author key, '1' when ids need no
// reservation (no database). -> {seq, id, ids left in the reservation}, or NO_USER, NOSEED
// (Redis lost its counter: the instances seed it), RESERVE (the reservation is used up).
inline constexpr const char *message = R"lua(
if redis.call('HEXISTS', KEYS[4], ARGV[3]) == 0 then return redis.error_reply('NO_USER') end
local last = redis.call('GET', KEYS[2])
if not last then return redis.error_reply('NOSEED') end
local id = tonumber(last) + 1
local reserved = tonumber(redis.call('GET', KEYS[3]) or '0')
if ARGV[4] ~= '1' and id > reserved then return redis.error_reply('RESERVE') end
redis.call('SET', KEYS[2], string.format('%d', id))
local seq = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1],
  string.format('{"s":%d,"id":%d,', seq, id) .. string.sub(ARGV[2], 2))
if ARGV[4] == '1' then return {seq, id, 0} end
return {seq, id, reserved - id}
)lua";

// KEYS: ids, ids:reserved. ARGV: an id no lower than any handed out, the reservation's end.
// Raises both (never lowers them). -> the last id.
inline constexpr const char *seed = R"lua(
local last = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) > last then redis.call('SET', KEYS[1], ARGV[1]) end
local reserved = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[2]) > reserved then redis.call('SET', KEYS[2], ARGV[2]) end
return redis.call('GET', KEYS[1])
)lua";

// KEYS: seq, users, iusers:<this instance>. ARGV: channel, event (a resume: key unset), the
// presented token's hash, the new token's hash, this instance, the connection, the client's
// address (its key; '' for an exempt one). Moves the
// session's user to this instance and publishes the resume with the user's key. -> seq, or
// NO_SESSION (no such session: the client joins afresh).
inline constexpr const char *resume = R"lua(
local key = redis.call('GET', 'chat:session:' .. ARGV[3])
if not key then return redis.error_reply('NO_SESSION') end
local record = redis.call('HGET', KEYS[2], key)
if not record then
  redis.call('DEL', 'chat:session:' .. ARGV[3])
  return redis.error_reply('NO_SESSION')
end
local member = cjson.decode(record)
local from = member['i']
redis.call('SREM', 'chat:iusers:' .. from, key)
redis.call('SADD', KEYS[3], key)
redis.call('DEL', 'chat:session:' .. ARGV[3])
redis.call('SET', 'chat:session:' .. ARGV[4], key)
member['i'] = ARGV[5]
member['c'] = ARGV[6]
member['sh'] = ARGV[4]
member['a'] = ARGV[7]
member['held'] = nil
redis.call('HSET', KEYS[2], key, cjson.encode(member))
local seq = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], string.format('{"s":%d,', seq) .. string.sub(ARGV[2], 2, -2) ..
  ',' .. string.sub(cjson.encode({k = key, from = from}), 2))
return seq
)lua";

// KEYS: seq, users, rooms. -> {seq, [key, record, ...], [room key, record, ...]}
inline constexpr const char *snapshot = R"lua(
return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('HGETALL', KEYS[2]),
        redis.call('HGETALL', KEYS[3])}
)lua";

// KEYS: instances, seq, users, names. ARGV: channel, this instance, heartbeat key prefix,
// users set prefix. Every instance whose heartbeat expired: its users leave (freeing their
// names) and one `gone` event says who. -> the reaped instances.
inline constexpr const char *reap = R"lua(
local reaped = {}
for _, instance in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[3] .. instance) == 0 then
    redis.call('SREM', KEYS[1], instance)
    local set = ARGV[4] .. instance
    local keys = {}
    local held = {}
    for _, key in ipairs(redis.call('SMEMBERS', set)) do
      local record = redis.call('HGET', KEYS[3], key)
      if record then
        local member = cjson.decode(record)
        if member['ses'] and member['sh'] then
          -- A resumable session: held by this instance for its grace period (its client may
          -- resume it anywhere meanwhile).
          member['i'] = ARGV[2]
          member['c'] = '0'
          member['held'] = true
          redis.call('HSET', KEYS[3], key, cjson.encode(member))
          redis.call('SADD', ARGV[4] .. ARGV[2], key)
          table.insert(held, key)
        else
          redis.call('HDEL', KEYS[3], key)
          if member['sh'] then redis.call('DEL', 'chat:session:' .. member['sh']) end
          if member['f'] and redis.call('HGET', KEYS[4], member['f']) == key then
            redis.call('HDEL', KEYS[4], member['f'])
          end
          table.insert(keys, key)
        end
      end
    end
    redis.call('DEL', set)
    local seq = redis.call('INCR', KEYS[2])
    local event = cjson.encode({t = 'gone', o = ARGV[2], inst = instance, keys = keys,
                                held = held})
    redis.call('PUBLISH', ARGV[1], string.format('{"s":%d,', seq) .. string.sub(event, 2))
    table.insert(reaped, instance)
  end
end
return reaped
)lua";

} // namespace chat::server::clusterscripts
