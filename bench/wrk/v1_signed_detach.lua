-- wrk script: every request is a fresh V1-signed (HMAC-SHA1) DetachPolicyFromUser call with a unique
-- SignatureNonce and the current Timestamp, signed with the mock's documented test key. The signing
-- goes through LuaJIT's FFI to OpenSSL (wrk links libssl), so request generation stays cheap and is
-- identical for every server the benchmark points it at.
--   ACSCONF_WRK_EXPECT="404 EntityNotExist.User"  check run: print every answer whose status and Code
--                       differ (at most 20 lines) as "unexpected: STATUS CODE"
local ffi = require("ffi")
ffi.cdef [[
typedef struct evp_md_st EVP_MD;
const EVP_MD *EVP_sha1(void);
unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d, size_t n,
                    unsigned char *md, unsigned int *md_len);
int EVP_EncodeBlock(unsigned char *t, const unsigned char *f, int n);
]]
local crypto = ffi.load("crypto")

local key = "acsconf-test-secret&"
local digest = ffi.new("unsigned char[20]")
local digest_len = ffi.new("unsigned int[1]")
local b64 = ffi.new("unsigned char[32]")

local function hmac_sha1_base64(data)
  crypto.HMAC(crypto.EVP_sha1(), key, #key, data, #data, digest, digest_len)
  local n = crypto.EVP_EncodeBlock(b64, digest, 20)
  return ffi.string(b64, n)
end

-- RFC 3986 for the few characters that occur here (timestamps, base64, the canonical query).
local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("tid", thread_counter)
end

local run = string.format("%x%04x", os.time(), math.random(0, 0xffff))
local counter = 0
local stamp_second, stamp = -1, ""
local host

function init(args)
  host = wrk.headers["Host"] or (wrk.host .. ":" .. wrk.port)
  tid = tid or 0
end

-- The canonical query (sorted by name, already encoded) around its two varying values, and the same
-- pieces encoded once more for the string to sign: each request then encodes only its Timestamp (once
-- a second) and its signature, so wrk stays cheap enough not to be the bottleneck of a fast server.
local before_nonce = "AccessKeyId=acsconf-test-ak&Action=DetachPolicyFromUser&Format=JSON" ..
    "&PolicyName=ReadOnlyAccess&PolicyType=System&SignatureMethod=HMAC-SHA1&SignatureNonce="
local before_stamp = "&SignatureVersion=1.0&Timestamp="
local after_stamp = "&UserName=bench-user&Version=2015-05-01"
local sign_before_nonce = "GET&%2F&" .. encode(before_nonce)
local sign_before_stamp = encode(before_stamp)
local sign_after_stamp = encode(after_stamp)
local sign_stamp = ""
local base64_escapes = { ["+"] = "%2B", ["/"] = "%2F", ["="] = "%3D" }

function request()
  counter = counter + 1
  local now = os.time()
  if now ~= stamp_second then
    stamp_second = now
    stamp = encode(os.date("!%Y-%m-%dT%H:%M:%SZ", now))
    sign_stamp = encode(stamp)
  end
  local nonce = run .. "-" .. tid .. "-" .. counter  -- hex digits, '-' and decimal digits: nothing to encode
  local signature = hmac_sha1_base64(sign_before_nonce .. nonce .. sign_before_stamp .. sign_stamp .. sign_after_stamp)
  return wrk.format("GET", "/?" .. before_nonce .. nonce .. before_stamp .. stamp .. after_stamp ..
      "&Signature=" .. signature:gsub("[+/=]", base64_escapes), { Host = host })
end

local expect = os.getenv("ACSCONF_WRK_EXPECT")
if expect then
  local reported = 0
  function response(status, headers, body)
    local answer = status .. " " .. (body:match('"Code":"([^"]*)"') or "")
    if answer ~= expect and reported < 20 then
      reported = reported + 1
      io.stderr:write("unexpected: " .. answer .. "\n")
    end
  end
end
