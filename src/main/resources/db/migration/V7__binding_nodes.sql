-- Several nodes on one database: a phone on TCP, TLS or WebSocket is reached over its connection,
-- which lives on the node it registered through. Each binding records that node's SIP address
-- (host:port of its UDP listener), where the other nodes relay INVITEs for that phone.

ALTER TABLE sip_registrations ADD COLUMN node_address TEXT;
