//! Refusals: the "port unreachable" answers a host sends back when a gossip packet reaches it
//! but nothing listens on the port. That is the sign of an agent whose process died on a live
//! host, and the failure detector uses it to suspect the member without waiting out the rest of
//! the probe (see `Swim::unreachable`).
//!
//! A UDP socket that is not connected hears nothing of such answers unless it asks: with
//! `IP_RECVERR` (`IPV6_RECVERR`) the kernel queues each ICMP error, with the destination of
//! the packet that caused it, on the socket's error queue, read with `MSG_ERRQUEUE`. Only port
//! unreachable counts; host, network and administrative errors say nothing certain about the
//! agent and are drained and ignored. Elsewhere than Linux nothing is reported and probes take
//! their full interval, as memberlist's do.
//!
//! One side effect: with the option on, the kernel also hands the error to the next plain call
//! on the socket, so a send or receive may fail once with "connection refused". The pool
//! retries such a send once and ignores such a receive.

use std::net::SocketAddr;

use tokio::net::UdpSocket;

/// Asks the kernel to queue ICMP errors for `udp`. Returns whether refusals will be reported.
pub fn enable(udp: &UdpSocket) -> bool {
    imp::enable(udp)
}

/// Waits until the error queue holds something, drains it, and returns the destinations whose
/// host answered "port unreachable" (possibly none, when only other errors came in). An error
/// reading the queue is returned so the caller stops asking: the socket would stay ready and
/// asking again would spin.
pub async fn next(udp: &UdpSocket) -> std::io::Result<Vec<SocketAddr>> {
    imp::next(udp).await
}

#[cfg(target_os = "linux")]
mod imp {
    use std::io::{self, IoSliceMut};
    use std::net::SocketAddr;
    use std::os::fd::AsRawFd;

    use nix::errno::Errno;
    use nix::libc;
    use nix::sys::socket::{
        ControlMessageOwned, MsgFlags, SockaddrStorage, recvmsg, setsockopt, sockopt,
    };
    use tokio::io::Interest;
    use tokio::net::UdpSocket;

    pub fn enable(udp: &UdpSocket) -> bool {
        let set = match udp.local_addr() {
            Ok(SocketAddr::V4(_)) => setsockopt(udp, sockopt::Ipv4RecvErr, &true),
            Ok(SocketAddr::V6(_)) => setsockopt(udp, sockopt::Ipv6RecvErr, &true),
            Err(e) => {
                tracing::debug!("gossip socket has no address: {e}");
                return false;
            }
        };
        match set {
            Ok(()) => true,
            Err(e) => {
                tracing::debug!("gossip socket cannot report refusals: {e}");
                false
            }
        }
    }

    pub async fn next(udp: &UdpSocket) -> io::Result<Vec<SocketAddr>> {
        udp.async_io(Interest::ERROR, || drain(udp)).await
    }

    /// Reads every queued error; `WouldBlock` when there was none, so tokio waits again.
    fn drain(udp: &UdpSocket) -> io::Result<Vec<SocketAddr>> {
        let mut refused = Vec::new();
        let mut read_any = false;
        loop {
            // The payload (the start of our own packet) is not needed: the destination comes
            // back as the message's address and the error as its control message.
            let mut payload = [0u8; 16];
            let mut iov = [IoSliceMut::new(&mut payload)];
            let mut cmsg = nix::cmsg_space!(libc::sock_extended_err, libc::sockaddr_in6);
            let flags = MsgFlags::MSG_ERRQUEUE | MsgFlags::MSG_DONTWAIT;
            let msg = match recvmsg::<SockaddrStorage>(
                udp.as_raw_fd(),
                &mut iov,
                Some(&mut cmsg[..]),
                flags,
            ) {
                Ok(msg) => msg,
                Err(Errno::EAGAIN) => break,
                Err(Errno::EINTR) => continue,
                Err(e) => return Err(e.into()),
            };
            read_any = true;
            let port_unreachable = msg.cmsgs().is_ok_and(|mut cmsgs| {
                cmsgs.any(|c| match c {
                    ControlMessageOwned::Ipv4RecvErr(e, _) => {
                        e.ee_origin == libc::SO_EE_ORIGIN_ICMP
                            && e.ee_type == 3 // destination unreachable
                            && e.ee_code == 3 // port unreachable
                    }
                    ControlMessageOwned::Ipv6RecvErr(e, _) => {
                        e.ee_origin == libc::SO_EE_ORIGIN_ICMP6
                            && e.ee_type == 1 // destination unreachable
                            && e.ee_code == 4 // port unreachable
                    }
                    _ => false,
                })
            });
            let to = msg.address.and_then(|a| {
                if let Some(v4) = a.as_sockaddr_in() {
                    Some(SocketAddr::from(*v4))
                } else {
                    a.as_sockaddr_in6().map(|v6| SocketAddr::from(*v6))
                }
            });
            if port_unreachable && let Some(to) = to {
                refused.push(to);
            }
        }
        if read_any {
            Ok(refused)
        } else {
            Err(io::ErrorKind::WouldBlock.into())
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use std::net::SocketAddr;

    use tokio::net::UdpSocket;

    pub fn enable(_udp: &UdpSocket) -> bool {
        false
    }

    pub async fn next(_udp: &UdpSocket) -> std::io::Result<Vec<SocketAddr>> {
        std::future::pending().await
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::time::Duration;

    use tokio::net::UdpSocket;

    /// A packet to a loopback port nobody listens on comes back as a refusal naming that port,
    /// and the socket still sends and receives normally afterwards.
    #[tokio::test]
    async fn a_closed_port_is_reported_refused() {
        let udp = UdpSocket::bind("127.0.0.1:0").await.expect("bind");
        assert!(
            super::enable(&udp),
            "IP_RECVERR refused on a loopback socket"
        );
        let closed = {
            let gone = UdpSocket::bind("127.0.0.1:0").await.expect("bind");
            gone.local_addr().expect("addr")
        };
        udp.send_to(b"ping", closed).await.expect("send");
        let refused = tokio::time::timeout(Duration::from_secs(5), super::next(&udp))
            .await
            .expect("no refusal reported within 5 s")
            .expect("reading the error queue");
        assert_eq!(refused, vec![closed]);

        let peer = UdpSocket::bind("127.0.0.1:0").await.expect("bind");
        let to = peer.local_addr().expect("addr");
        // The kernel may hand the refusal to one more plain call; the pool retries such a send.
        if udp.send_to(b"hello", to).await.is_err() {
            udp.send_to(b"hello", to)
                .await
                .expect("send after a refusal");
        }
        let mut buf = [0u8; 16];
        let (n, from) = tokio::time::timeout(Duration::from_secs(5), peer.recv_from(&mut buf))
            .await
            .expect("nothing arrived within 5 s")
            .expect("recv");
        assert_eq!(
            (&buf[..n], from),
            (&b"hello"[..], udp.local_addr().expect("addr"))
        );
    }

    /// Nothing is reported for packets that arrive.
    #[tokio::test]
    async fn delivered_packets_are_not_refusals() {
        let udp = UdpSocket::bind("127.0.0.1:0").await.expect("bind");
        assert!(super::enable(&udp));
        let peer = UdpSocket::bind("127.0.0.1:0").await.expect("bind");
        udp.send_to(b"ping", peer.local_addr().expect("addr"))
            .await
            .expect("send");
        let mut buf = [0u8; 16];
        peer.recv_from(&mut buf).await.expect("recv");
        let waited = tokio::time::timeout(Duration::from_millis(300), super::next(&udp)).await;
        assert!(waited.is_err(), "a refusal was reported: {waited:?}");
    }
}
