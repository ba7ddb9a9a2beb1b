//! The client's IP address, which the per-IP throttles count by. Behind a reverse proxy the
//! socket peer is the proxy, and the client is in `X-Forwarded-For`, a header anyone can send.
//! So the header is read only when the peer is one of `TRUSTED_PROXIES`, and from the right:
//! each trusted proxy appends the address it saw, so the rightmost address that is not a
//! trusted proxy is the first one no attacker could have written.

use axum::{extract::ConnectInfo, http::request::Parts};
use std::net::{IpAddr, SocketAddr};

/// The client of `request`: the socket peer, or, behind one of `trusted_proxies`, the
/// address the proxy saw.
pub fn of_request(request: &Parts, trusted_proxies: &[IpAddr]) -> Option<IpAddr> {
    let ConnectInfo(peer) = request.extensions.get::<ConnectInfo<SocketAddr>>()?;
    let forwarded_for: Vec<&str> = request
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    Some(client_ip(peer.ip(), &forwarded_for, trusted_proxies))
}

pub fn client_ip(peer: IpAddr, forwarded_for: &[&str], trusted_proxies: &[IpAddr]) -> IpAddr {
    // On a dual-stack listener an IPv4 peer shows as ::ffff:10.0.0.2.
    let peer = peer.to_canonical();
    if !trusted_proxies.contains(&peer) {
        return peer;
    }
    let mut client = peer;
    // Several headers are one list, in order.
    let hops = forwarded_for
        .iter()
        .flat_map(|header| header.split(','))
        .map(str::trim)
        .rev();
    for hop in hops {
        match parse_hop(hop) {
            Some(ip) if trusted_proxies.contains(&ip) => client = ip,
            Some(ip) => return ip,
            // Garbage in the chain: stop at the last address we could trust.
            None => return client,
        }
    }
    client
}

/// An address as proxies write it: `203.0.113.7`, `2001:db8::1`, `[2001:db8::1]:443` or
/// `203.0.113.7:51234`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let ip = match hop.parse::<IpAddr>() {
        Ok(ip) => ip,
        Err(_) => hop.parse::<std::net::SocketAddr>().ok()?.ip(),
    };
    Some(ip.to_canonical())
}

/// `TRUSTED_PROXIES`: comma-separated IP addresses.
pub fn parse_trusted_proxies(raw: &str) -> Result<Vec<IpAddr>, String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpAddr>()
                .map(|ip| ip.to_canonical())
                .map_err(|_| format!("{s:?} is not an IP address (list addresses, not names)"))
        })
        .collect()
}

/// What per-IP throttles count by: an IPv4 address, or an IPv6 client's /64. One IPv6
/// subscriber is usually given a whole /64, so counting single IPv6 addresses would hand
/// every client 2^64 fresh budgets.
pub fn network_key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let segments = v6.segments();
            let prefix = std::net::Ipv6Addr::new(
                segments[0],
                segments[1],
                segments[2],
                segments[3],
                0,
                0,
                0,
                0,
            );
            format!("{prefix}/64")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    const PROXY: &str = "10.0.0.2";

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        assert_eq!(
            client_ip(ip("198.51.100.9"), &["203.0.113.7"], &[]),
            ip("198.51.100.9")
        );
    }

    #[test]
    fn a_peer_that_is_not_a_trusted_proxy_cannot_claim_another_address() {
        assert_eq!(
            client_ip(ip("198.51.100.9"), &["203.0.113.7"], &[ip(PROXY)]),
            ip("198.51.100.9")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_address_it_saw_is_the_client() {
        assert_eq!(
            client_ip(ip(PROXY), &["203.0.113.7"], &[ip(PROXY)]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn addresses_the_client_wrote_itself_are_not_believed() {
        // The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the real address.
        assert_eq!(
            client_ip(ip(PROXY), &["1.2.3.4, 203.0.113.7"], &[ip(PROXY)]),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_ip(ip(PROXY), &["1.2.3.4", "203.0.113.7"], &[ip(PROXY)]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn a_chain_of_trusted_proxies_is_walked_from_the_right() {
        let proxies = [ip(PROXY), ip("10.0.0.3")];
        assert_eq!(
            client_ip(ip(PROXY), &["1.2.3.4, 203.0.113.7, 10.0.0.3"], &proxies),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn ports_and_ipv6_are_understood_and_garbage_is_not_followed() {
        assert_eq!(
            client_ip(ip(PROXY), &["[2001:db8::1]:443"], &[ip(PROXY)]),
            ip("2001:db8::1")
        );
        assert_eq!(
            client_ip(ip(PROXY), &["203.0.113.7:5123"], &[ip(PROXY)]),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_ip(ip(PROXY), &["203.0.113.7, unknown"], &[ip(PROXY)]),
            ip(PROXY)
        );
        assert_eq!(client_ip(ip(PROXY), &[], &[ip(PROXY)]), ip(PROXY));
        assert_eq!(
            client_ip(ip("::ffff:10.0.0.2"), &["203.0.113.7"], &[ip(PROXY)]),
            ip("203.0.113.7"),
            "an IPv4 proxy on a dual-stack listener"
        );
    }

    #[test]
    fn the_setting_lists_addresses() {
        assert_eq!(
            parse_trusted_proxies(" 10.0.0.2, ::1 ,").unwrap(),
            vec![ip("10.0.0.2"), ip("::1")]
        );
        assert!(parse_trusted_proxies("proxy.internal").is_err());
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_and_ipv4_by_address() {
        assert_eq!(network_key(ip("203.0.113.7")), "203.0.113.7");
        assert_eq!(network_key(ip("::ffff:203.0.113.7")), "203.0.113.7");
        assert_eq!(network_key(ip("2001:db8:1:2::1")), "2001:db8:1:2::/64");
        assert_eq!(
            network_key(ip("2001:db8:1:2:ffff:eeee:dddd:cccc")),
            network_key(ip("2001:db8:1:2::1"))
        );
        assert_ne!(
            network_key(ip("2001:db8:1:3::1")),
            network_key(ip("2001:db8:1:2::1"))
        );
    }
}
