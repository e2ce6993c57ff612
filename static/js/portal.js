// The portal's own behaviour. No inline scripts anywhere: the CSP forbids them.
