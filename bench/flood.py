#!/usr/bin/env python3
"""A wrong-password flood from many addresses, for bench/staff.sh.

wrk sends every request from 127.0.0.1, so after 50 failures the per-address lockout answers the rest of its
flood with 429 and no password is hashed any more: it measures the lockout, not the bounded hasher. This
script spreads the flood over many loopback source addresses (127.0.1.1, 127.0.1.2, …; Linux routes all of
127.0.0.0/8 to the loopback interface), so that for the whole run most attempts pass the lockout and reach
the hasher: each address gets its 50 wrong passwords before it is locked out. Every request carries a valid
form token and cookie pair and a new e-mail address, so no account's lockout stops it either.

With --control it sends the same number of connections of plain GETs of the sign-in page instead (a form
rendered, nothing hashed): the control, what this load generator costs the machine by itself.

Standard library only. Usage:
    flood.py URL CSRF FORM_COOKIE --seconds 10 --connections 16 --addresses 2000 [--control]
Prints how many answers of each status the flood got and how many requests it sent per second.
"""
import argparse
import asyncio
import collections
import time
import urllib.parse


def address(index: int) -> str:
    """The index-th loopback address from 127.0.1.1 on, skipping network and broadcast-looking ends."""
    index += 256 + 1
    return f"127.0.{index // 254 % 256}.{index % 254 + 1}"


def request(args, url, number) -> bytes:
    """A wrong password with a valid form token and cookie pair, or with --control a GET of the form."""
    if args.control:
        return f"GET {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\n\r\n".encode()
    body = urllib.parse.urlencode({
        "email": f"flood-{number}@example.invalid",
        "password": f"not-the-password-{number}",
        "csrf": args.csrf,
        "next": "/staff/fi/",
    }).encode()
    return (
        f"POST {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\n"
        f"Cookie: tarina-form={args.form_cookie}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


async def one_connection(args, url, deadline, next_number, statuses):
    """Sends requests one after another; a new connection from the next source address every 50 requests."""
    while time.monotonic() < deadline:
        source = address(next_number("address") % args.addresses)
        number = next_number("request")
        try:
            reader, writer = await asyncio.open_connection(url.hostname, url.port, local_addr=(source, 0))
        except OSError as error:
            statuses[f"connect error {error.errno}"] += 1
            await asyncio.sleep(0.01)
            continue
        try:
            for _ in range(50):
                if time.monotonic() >= deadline:
                    break
                writer.write(request(args, url, number))
                await writer.drain()
                status_line = await reader.readline()
                status = int(status_line.split()[1])
                length, close = 0, False
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.decode().partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                    if name.lower() == "connection" and value.strip().lower() == "close":
                        close = True
                await reader.readexactly(length)
                statuses[status] += 1
                if close:
                    break
                number = next_number("request")
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            statuses["broken connection"] += 1
        finally:
            writer.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("csrf")
    parser.add_argument("form_cookie")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--addresses", type=int, default=2000)
    parser.add_argument("--control", action="store_true")
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.url)
    statuses = collections.Counter()
    counters = collections.Counter()

    def next_number(kind):
        counters[kind] += 1
        return counters[kind]

    started = time.monotonic()
    deadline = started + args.seconds
    await asyncio.gather(*(
        one_connection(args, url, deadline, next_number, statuses) for _ in range(args.connections)
    ))
    elapsed = time.monotonic() - started
    for status, count in sorted(statuses.items(), key=lambda item: str(item[0])):
        print(f"status {status}: {count}")
    kind = "control (GETs of the form)" if args.control else "flood"
    print(f"{kind}: {sum(statuses.values()) / elapsed:.0f} requests/s from up to {args.addresses} addresses")


if __name__ == "__main__":
    asyncio.run(main())
