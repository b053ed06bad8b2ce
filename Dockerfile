# claimgraph in a container: docker build -t claimgraph . && docker run -p 7411:7411 -v claimgraph-data:/data claimgraph
# A static binary (no cgo) on a distroless base, run as a non-root user,
# with the bolt store on a volume. Configure it with CLAIMGRAPH_* variables
# (every serve flag has one; see the README's Configuration).

FROM golang:1.26-bookworm AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/claimgraph ./cmd/claimgraph \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=builder /out/claimgraph /usr/local/bin/claimgraph
COPY --from=builder --chown=65532:65532 /out/data /data
USER 65532:65532
ENV CLAIMGRAPH_LISTEN=0.0.0.0:7411 \
    CLAIMGRAPH_DB_PATH=/data/claimgraph.db
VOLUME ["/data"]
EXPOSE 7411
ENTRYPOINT ["/usr/local/bin/claimgraph"]
CMD ["serve"]
