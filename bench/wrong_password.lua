-- wrk script for bench/staff.sh: POSTs the sign-in form with a wrong password, a valid form token (FLOOD_CSRF,
-- paired with the form cookie given with -H) and a different e-mail address each time, so that no account's
-- lockout stops the flood (the per-address one does). Prints how many answers of each status it got.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    statuses = {}
    sent = 0
    csrf = os.getenv("FLOOD_CSRF") or ""
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
    sent = sent + 1
    local body = "email=flood-" .. sent .. "%40example.invalid&password=not-the-password-" .. sent ..
        "&csrf=" .. csrf .. "&next=%2Fstaff%2Ffi%2F"
    return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("statuses")) do
            total[status] = (total[status] or 0) + count
        end
    end
    for status, count in pairs(total) do
        io.write(string.format("status %d: %d\n", status, count))
    end
end
