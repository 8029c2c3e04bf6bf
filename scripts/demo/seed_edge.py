"""Demo seed, part 3 (edge): ACM certificates, WAF, load balancers
(application and classic), Lambda, API Gateway (REST, HTTP, WebSocket), CloudFront, OpenSearch,
EKS.

The story (the same names as the hand-written demo):
- ACM: `www.acme-analytics.example` (Amazon issued, RSA 2048, a year left), `api.` (Amazon
  issued), `legacy.` (imported, RSA 1024, expires in 15 days).
- `acme-web-alb`: internet-facing in the acme-prod public subnets, HTTPS 443 only, forwarding to
  target group `acme-app` (acme-app-1 on 8080), access logs, deletion protection, defensive
  desync mitigation, drops invalid headers, WAF web ACL `acme-web`.
  `acme-admin-alb`: internal, one subnet, plain HTTP with a fixed response, defaults otherwise.
- Classic: `acme-reports-clb` (HTTPS with an ACM certificate and a TLS 1.2 policy, two zones,
  everything on) and `acme-legacy-clb` (HTTP and HTTPS with an IAM certificate and a policy that
  allows TLS 1.0, one zone, everything off).
- Lambda: acme-api (in two private subnets, invoked by API Gateway), acme-thumbnailer (an
  unsupported runtime, outside any VPC), acme-public-webhook (public function URL, one subnet),
  acme-report-builder (container image, two subnets of one zone); acme-eu-etl in eu-west-1.
- API Gateway: REST API acme-orders (stage prod: logs, traces, encrypted cache, WAF `acme-api`;
  stage dev: none of it), HTTP API acme-web-api (a JWT route and an open one; `$default` without
  access logs, prod with), WebSocket API acme-live.
- CloudFront: the website (HTTPS, OAC, failover group, logging, WAF `acme-edge`), the legacy
  marketing site (HTTP allowed, old TLS, a deleted bucket as origin) and the docs.
- OpenSearch: acme-search (VPC, encrypted, fine-grained access, logs) and acme-logs-legacy
  (public, nothing on).
- EKS: acme-prod (private endpoint, audit logs, secrets encrypted, 1.33) and acme-dev (public,
  1.29).
The IAM server certificates (acme-legacy-lb-2024 serves acme-legacy-clb) come from seed_core.py.
What moto 5.2.5 cannot hold is patched by overlay/edge.json (each entry says why); the steps
that make IDs it names reseed moto first (`reseed`).
"""
import datetime as dt
import json
import os
import sys
import urllib.request

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from seedlib import (ACCOUNT, ADMIN, EC2_TRUST, EU, US, c, default_network, function_zip, group_id,  # noqa: F401
                     group_in, instance_id, step, subnet_id, vpc_id)

DOMAIN = "acme-analytics.example"
CERTS = {}      # name -> ARN, filled by the certificate steps
WEB_ACLS = {}   # name -> ARN


def self_signed(common_name, days_before, days_after, bits=2048):
    """A self-signed certificate (PEM body, PEM key) valid from `days_before` days ago to
    `days_after` days from now. The key is random, but only the validity dates and the key size
    reach the collected snapshot (ListCertificates prints no key material)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Acme Analytics"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.timezone.utc).replace(minute=0, second=0, microsecond=0)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(0x5EED0000 + bits + days_after)
            .not_valid_before(now - dt.timedelta(days=days_before))
            .not_valid_after(now + dt.timedelta(days=days_after))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(common_name)]), critical=False)
            .sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                              serialization.NoEncryption()))


def by_name(region, names):
    return [subnet_id(region, n) for n in names]


def zones_of(region, names):
    subnets = c("ec2", region).describe_subnets(SubnetIds=by_name(region, names))["Subnets"]
    return sorted({s["AvailabilityZone"] for s in subnets})


def instance_or_none(region, name):
    """The instance tagged Name=`name` (seed_core.py makes them), else None (warned)."""
    try:
        return instance_id(region, name)
    except IndexError:
        print(f"seed: warning: no instance named {name} in {region}", file=sys.stderr)
        return None


def reseed(n):
    """moto draws every generated ID (distribution IDs, web ACL IDs, ARN suffixes) from one
    seeded generator. Seeding it again at the start of a step makes that step's IDs independent of
    how many IDs the steps before it drew, so overlay/edge.json may name them (an overlay's
    `params` cannot use `$ref`)."""
    url = os.environ["AWS_ENDPOINT_URL"].rstrip("/") + f"/moto-api/seed?a={n}"
    urllib.request.urlopen(urllib.request.Request(url, method="POST"))


@step("acm certificates")
def _():
    acm = c("acm")
    # (moto 5.2.5 ignores KeyAlgorithm and makes RSA 2048 keys: overlay/edge.json corrects api.)
    for host, alg in (("www", "RSA_2048"), ("api", "EC_prime256v1")):
        CERTS[host] = acm.request_certificate(DomainName=f"{host}.{DOMAIN}", ValidationMethod="DNS",
                                              KeyAlgorithm=alg, IdempotencyToken=f"acme{host}")["CertificateArn"]
    # Imported, a 1024-bit key, valid for a year and expiring in 15 days.
    body, key = self_signed(f"legacy.{DOMAIN}", 350, 15, bits=1024)
    CERTS["legacy"] = acm.import_certificate(Certificate=body, PrivateKey=key)["CertificateArn"]


@step("waf web acls")
def _():
    reseed(3)
    for name, scope, region, desc in (("acme-web", "REGIONAL", US, "Managed rules in front of acme-web-alb"),
                                      ("acme-api", "REGIONAL", US, "Managed rules in front of the orders API"),
                                      ("acme-edge", "CLOUDFRONT", US, "Managed rules in front of the website")):
        WEB_ACLS[name] = c("wafv2", region).create_web_acl(
            Name=name, Scope=scope, Description=desc, DefaultAction={"Allow": {}},
            Rules=[{"Name": "aws-common", "Priority": 0,
                    "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}},
                    "OverrideAction": {"None": {}},
                    "VisibilityConfig": {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True,
                                         "MetricName": f"{name}-common"}}],
            VisibilityConfig={"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": name},
        )["Summary"]["ARN"]


@step("application load balancers")
def _():
    elbv2 = c("elbv2")
    vpc = vpc_id(US, "acme-prod")
    web = elbv2.create_load_balancer(
        Name="acme-web-alb", Subnets=by_name(US, ["acme-prod-public-a", "acme-prod-public-b"]),
        SecurityGroups=[group_in(US, vpc, "alb-sg")], Scheme="internet-facing", Type="application",
        Tags=[{"Key": "team", "Value": "web"}])["LoadBalancers"][0]["LoadBalancerArn"]
    tg = elbv2.create_target_group(Name="acme-app", Protocol="HTTP", Port=8080, VpcId=vpc, TargetType="instance",
                                   HealthCheckProtocol="HTTP", HealthCheckPath="/health",
                                   HealthCheckEnabled=True)["TargetGroups"][0]["TargetGroupArn"]
    app = instance_or_none(US, "acme-app-1")
    if app:
        elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": app, "Port": 8080}])
    elbv2.create_listener(LoadBalancerArn=web, Protocol="HTTPS", Port=443,
                          SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
                          Certificates=[{"CertificateArn": CERTS["www"]}],
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
    elbv2.modify_load_balancer_attributes(LoadBalancerArn=web, Attributes=[
        {"Key": "access_logs.s3.enabled", "Value": "true"},
        {"Key": "access_logs.s3.bucket", "Value": "acme-cloudtrail-logs"},
        {"Key": "access_logs.s3.prefix", "Value": "alb"},
        {"Key": "deletion_protection.enabled", "Value": "true"},
        {"Key": "routing.http.desync_mitigation_mode", "Value": "defensive"},
        {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}])
    c("wafv2").associate_web_acl(WebACLArn=WEB_ACLS["acme-web"], ResourceArn=web)
    # The internal admin ALB: one subnet, plain HTTP, no logs, no protection, no WAF.
    admin = elbv2.create_load_balancer(
        Name="acme-admin-alb", Subnets=by_name(US, ["acme-prod-admin-a"]),
        SecurityGroups=[group_in(US, vpc, "app-sg")], Scheme="internal",
        Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
    elbv2.create_listener(LoadBalancerArn=admin, Protocol="HTTP", Port=80, DefaultActions=[
        {"Type": "fixed-response", "FixedResponseConfig": {"MessageBody": "admin", "StatusCode": "200",
                                                           "ContentType": "text/plain"}}])
    elbv2.modify_load_balancer_attributes(LoadBalancerArn=admin, Attributes=[
        {"Key": "routing.http.desync_mitigation_mode", "Value": "monitor"}])


@step("classic load balancers")
def _():
    elb = c("elb")
    vpc = vpc_id(US, "acme-prod")
    sg = group_in(US, vpc, "app-sg")
    # seed_core.py uploads the IAM server certificates.
    legacy_cert = c("iam").get_server_certificate(
        ServerCertificateName="acme-legacy-lb-2024")["ServerCertificate"]["ServerCertificateMetadata"]["Arn"]
    # moto 5.2.5 leaves AvailabilityZones empty when a load balancer is made from subnets (AWS
    # derives them): name them too.
    elb.create_load_balancer(
        LoadBalancerName="acme-reports-clb", Scheme="internal", SecurityGroups=[sg],
        Subnets=by_name(US, ["acme-prod-private-a", "acme-prod-private-b"]), AvailabilityZones=zones_of(US, [
            "acme-prod-private-a", "acme-prod-private-b"]),
        Listeners=[{"Protocol": "HTTPS", "LoadBalancerPort": 443, "InstanceProtocol": "HTTP", "InstancePort": 8080,
                    "SSLCertificateId": CERTS["www"]}])
    elb.create_load_balancer_policy(
        LoadBalancerName="acme-reports-clb", PolicyName="acme-tls12", PolicyTypeName="SSLNegotiationPolicyType",
        PolicyAttributes=[{"AttributeName": "Reference-Security-Policy", "AttributeValue": "ELBSecurityPolicy-TLS-1-2-2017-01"},
                          {"AttributeName": "Protocol-TLSv1.2", "AttributeValue": "true"},
                          {"AttributeName": "Protocol-TLSv1", "AttributeValue": "false"}])
    elb.set_load_balancer_policies_of_listener(LoadBalancerName="acme-reports-clb", LoadBalancerPort=443,
                                               PolicyNames=["acme-tls12"])
    elb.configure_health_check(LoadBalancerName="acme-reports-clb", HealthCheck={
        "Target": "HTTP:8080/health", "Interval": 30, "Timeout": 5, "UnhealthyThreshold": 2, "HealthyThreshold": 10})
    elb.modify_load_balancer_attributes(LoadBalancerName="acme-reports-clb", LoadBalancerAttributes={
        "CrossZoneLoadBalancing": {"Enabled": True},
        "AccessLog": {"Enabled": True, "S3BucketName": "acme-cloudtrail-logs", "EmitInterval": 60, "S3BucketPrefix": "clb"},
        "ConnectionDraining": {"Enabled": True, "Timeout": 300},
        "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "defensive"}]})
    # The legacy one: one zone, plain HTTP beside HTTPS with an IAM certificate and TLS 1.0.
    elb.create_load_balancer(
        LoadBalancerName="acme-legacy-clb", Scheme="internal", SecurityGroups=[sg],
        Subnets=by_name(US, ["acme-prod-private-a"]), AvailabilityZones=zones_of(US, ["acme-prod-private-a"]),
        Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 8080},
                   {"Protocol": "HTTPS", "LoadBalancerPort": 443, "InstanceProtocol": "HTTP", "InstancePort": 8080,
                    "SSLCertificateId": legacy_cert}])
    elb.create_load_balancer_policy(
        LoadBalancerName="acme-legacy-clb", PolicyName="ELBSecurityPolicy-2016-08", PolicyTypeName="SSLNegotiationPolicyType",
        PolicyAttributes=[{"AttributeName": "Reference-Security-Policy", "AttributeValue": "ELBSecurityPolicy-2016-08"},
                          {"AttributeName": "Protocol-TLSv1.2", "AttributeValue": "true"},
                          {"AttributeName": "Protocol-TLSv1", "AttributeValue": "true"}])
    elb.set_load_balancer_policies_of_listener(LoadBalancerName="acme-legacy-clb", LoadBalancerPort=443,
                                               PolicyNames=["ELBSecurityPolicy-2016-08"])
    elb.modify_load_balancer_attributes(LoadBalancerName="acme-legacy-clb", LoadBalancerAttributes={
        "CrossZoneLoadBalancing": {"Enabled": False},
        "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "monitor"}]})


@step("lambda functions")
def _():
    iam = c("iam")
    lam_trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    role = {}
    for fn in ("acme-api", "acme-thumbnailer", "acme-public-webhook", "acme-report-builder", "acme-eu-etl"):
        role[fn] = iam.create_role(RoleName=f"{fn}-role", AssumeRolePolicyDocument=json.dumps(lam_trust))["Role"]["Arn"]
    vpc = vpc_id(US, "acme-prod")
    app_sg = group_in(US, vpc, "app-sg")
    lam = c("lambda")
    common = {"Handler": "app.handler", "Timeout": 30, "MemorySize": 256, "Architectures": ["arm64"]}
    lam.create_function(FunctionName="acme-api", Runtime="python3.12", Role=role["acme-api"],
                        Code={"ZipFile": function_zip()}, **common,
                        VpcConfig={"SubnetIds": by_name(US, ["acme-prod-private-a", "acme-prod-private-b"]),
                                   "SecurityGroupIds": [app_sg]})
    lam.add_permission(FunctionName="acme-api", StatementId="apigw-invoke", Action="lambda:InvokeFunction",
                       Principal="apigateway.amazonaws.com",
                       SourceArn=f"arn:aws:execute-api:{US}:{ACCOUNT}:*/*/*/orders")
    # A runtime AWS no longer supports, outside any VPC, triggered by S3.
    lam.create_function(FunctionName="acme-thumbnailer", Runtime="nodejs16.x", Role=role["acme-thumbnailer"],
                        Code={"ZipFile": function_zip()}, **common)
    lam.add_permission(FunctionName="acme-thumbnailer", StatementId="s3-upload-trigger",
                       Action="lambda:InvokeFunction", Principal="s3.amazonaws.com")
    # A function URL anyone may call, in a single subnet.
    lam.create_function(FunctionName="acme-public-webhook", Runtime="python3.13", Role=role["acme-public-webhook"],
                        Code={"ZipFile": function_zip()}, **common,
                        VpcConfig={"SubnetIds": by_name(US, ["acme-prod-public-a"]), "SecurityGroupIds": [app_sg]})
    lam.create_function_url_config(FunctionName="acme-public-webhook", AuthType="NONE")
    # (moto 5.2.5 writes `FunctionUrlAuthType` as a statement element instead of a condition, so the
    # permission goes without it: still public.)
    lam.add_permission(FunctionName="acme-public-webhook", StatementId="FunctionURLAllowPublicAccess",
                       Action="lambda:InvokeFunctionUrl", Principal="*")
    # A container image in two subnets of the same zone; no resource policy.
    lam.create_function(FunctionName="acme-report-builder", Role=role["acme-report-builder"], PackageType="Image",
                        Code={"ImageUri": f"{ACCOUNT}.dkr.ecr.{US}.amazonaws.com/acme-report-builder:latest"},
                        Timeout=30, MemorySize=256, Architectures=["arm64"],
                        VpcConfig={"SubnetIds": by_name(US, ["acme-prod-public-a", "acme-prod-private-a"]),
                                   "SecurityGroupIds": [app_sg]})
    c("lambda", EU).create_function(FunctionName="acme-eu-etl", Runtime="python3.12", Role=role["acme-eu-etl"],
                                    Code={"ZipFile": function_zip()}, **common)


@step("api gateway rest api")
def _():
    apigw = c("apigateway")
    api = apigw.create_rest_api(name="acme-orders", description="Orders API", endpointConfiguration={"types": ["REGIONAL"]},
                                tags={"team": "orders"})["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    orders = apigw.create_resource(restApiId=api, parentId=root, pathPart="orders")["id"]
    apigw.put_method(restApiId=api, resourceId=orders, httpMethod="GET", authorizationType="AWS_IAM")
    apigw.put_integration(restApiId=api, resourceId=orders, httpMethod="GET", type="AWS_PROXY",
                          integrationHttpMethod="POST",
                          uri=f"arn:aws:apigateway:{US}:lambda:path/2015-03-31/functions/"
                              f"arn:aws:lambda:{US}:{ACCOUNT}:function:acme-api/invocations")
    for stage, good in (("prod", True), ("dev", False)):
        dep = apigw.create_deployment(restApiId=api, description=stage)["id"]
        apigw.create_stage(restApiId=api, stageName=stage, deploymentId=dep, cacheClusterEnabled=True,
                           cacheClusterSize="0.5", tracingEnabled=good, tags={"team": "orders"})
        ops = [{"op": "replace", "path": "/*/*/metrics/enabled", "value": str(good).lower()},
               {"op": "replace", "path": "/*/*/logging/loglevel", "value": "INFO" if good else "OFF"},
               {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
               {"op": "replace", "path": "/*/*/caching/dataEncrypted", "value": str(good).lower()},
               {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "5000"},
               {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "10000"}]
        if good:
            # moto 5.2.5 has no GenerateClientCertificate and drops `clientCertificateId`:
            # overlay/edge.json sets it.
            ops += [{"op": "replace", "path": "/accessLogSettings/destinationArn",
                     "value": f"arn:aws:logs:{US}:{ACCOUNT}:log-group:/acme/api/orders"},
                    {"op": "replace", "path": "/accessLogSettings/format",
                     "value": "$context.requestId $context.identity.sourceIp $context.status"}]
        apigw.update_stage(restApiId=api, stageName=stage, patchOperations=ops)
    c("wafv2").associate_web_acl(WebACLArn=WEB_ACLS["acme-api"],
                                 ResourceArn=f"arn:aws:apigateway:{US}::/restapis/{api}/stages/prod")


@step("api gateway http and websocket apis")
def _():
    v2 = c("apigatewayv2")
    http = v2.create_api(Name="acme-web-api", ProtocolType="HTTP")["ApiId"]
    target = f"arn:aws:lambda:{US}:{ACCOUNT}:function:acme-api"
    integ = v2.create_integration(ApiId=http, IntegrationType="AWS_PROXY", IntegrationUri=target,
                                  PayloadFormatVersion="2.0")["IntegrationId"]
    auth = v2.create_authorizer(ApiId=http, AuthorizerType="JWT", Name="acme-cognito",
                                IdentitySource=["$request.header.Authorization"],
                                JwtConfiguration={"Audience": ["acme-web"],
                                                  "Issuer": f"https://cognito-idp.{US}.amazonaws.com/{US}_AcmeUsers"})["AuthorizerId"]
    v2.create_route(ApiId=http, RouteKey="GET /orders", AuthorizationType="JWT", AuthorizerId=auth,
                    Target=f"integrations/{integ}")
    v2.create_route(ApiId=http, RouteKey="POST /export", AuthorizationType="NONE", Target=f"integrations/{integ}")
    v2.create_stage(ApiId=http, StageName="$default", AutoDeploy=True,
                    DefaultRouteSettings={"DetailedMetricsEnabled": False})
    v2.create_stage(ApiId=http, StageName="prod", AutoDeploy=False,
                    DefaultRouteSettings={"DetailedMetricsEnabled": True},
                    AccessLogSettings={"DestinationArn": f"arn:aws:logs:{US}:{ACCOUNT}:log-group:/acme/api/web",
                                       "Format": "$context.requestId $context.status"})
    ws = v2.create_api(Name="acme-live", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action")["ApiId"]
    wsi = v2.create_integration(ApiId=ws, IntegrationType="AWS_PROXY", IntegrationUri=target)["IntegrationId"]
    v2.create_route(ApiId=ws, RouteKey="$connect", AuthorizationType="AWS_IAM", Target=f"integrations/{wsi}")
    v2.create_stage(ApiId=ws, StageName="prod", AutoDeploy=True,
                    DefaultRouteSettings={"DataTraceEnabled": False, "DetailedMetricsEnabled": False,
                                          "LoggingLevel": "ERROR"},
                    AccessLogSettings={"DestinationArn": f"arn:aws:logs:{US}:{ACCOUNT}:log-group:/acme/api/live",
                                       "Format": "$context.requestId"})


def s3_origin(oid, bucket, oac="", oai=""):
    o = {"Id": oid, "DomainName": f"{bucket}.s3.{US}.amazonaws.com", "OriginPath": "",
         "S3OriginConfig": {"OriginAccessIdentity": oai}, "ConnectionAttempts": 3, "ConnectionTimeout": 10}
    if oac:
        o["OriginAccessControlId"] = oac
    return o


def custom_origin(oid, host, policy, protocols):
    return {"Id": oid, "DomainName": host, "OriginPath": "", "ConnectionAttempts": 3, "ConnectionTimeout": 10,
            "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": policy,
                                   "OriginSslProtocols": {"Quantity": len(protocols), "Items": protocols},
                                   "OriginReadTimeout": 30, "OriginKeepaliveTimeout": 5}}


CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"


def behavior(target, viewer, path=None):
    b = {"TargetOriginId": target, "ViewerProtocolPolicy": viewer, "Compress": True, "CachePolicyId": CACHING_OPTIMIZED,
         "AllowedMethods": {"Quantity": 2, "Items": ["HEAD", "GET"],
                            "CachedMethods": {"Quantity": 2, "Items": ["HEAD", "GET"]}}}
    if path:
        b["PathPattern"] = path
    return b


@step("cloudfront distributions")
def _():
    reseed(4)
    cf = c("cloudfront")
    oac = cf.create_origin_access_control(OriginAccessControlConfig={
        "Name": "acme-website", "Description": "Acme website buckets", "SigningProtocol": "sigv4",
        "SigningBehavior": "always", "OriginAccessControlOriginType": "s3"})["OriginAccessControl"]["Id"]
    acm_cert = {"CloudFrontDefaultCertificate": False, "ACMCertificateArn": CERTS["www"]}

    def create(ref, comment, aliases, origins, default, behaviors=(), groups=None, cert=None, waf="",
               root="", logging=None):
        cfg = {"CallerReference": ref, "Comment": comment, "Enabled": True, "PriceClass": "PriceClass_100",
               "HttpVersion": "http2and3", "IsIPV6Enabled": True, "DefaultRootObject": root, "WebACLId": waf,
               "Aliases": {"Quantity": len(aliases), "Items": aliases} if aliases else {"Quantity": 0},
               "Origins": {"Quantity": len(origins), "Items": origins}, "DefaultCacheBehavior": default,
               "CacheBehaviors": {"Quantity": len(behaviors), "Items": list(behaviors)} if behaviors else {"Quantity": 0},
               "ViewerCertificate": cert or {"CloudFrontDefaultCertificate": True},
               "Logging": logging or {"Enabled": False, "IncludeCookies": False, "Bucket": "", "Prefix": ""}}
        if groups:
            cfg["OriginGroups"] = {"Quantity": len(groups), "Items": groups}
        return cf.create_distribution(DistributionConfig=cfg)["Distribution"]["Id"]

    create("acme-website", "Acme Analytics website", [f"www.{DOMAIN}"],
           [s3_origin("site", "acme-public-website", oac=oac), s3_origin("site-dr", "acme-data-lake", oac=oac),
            custom_origin("api", f"api.{DOMAIN}", "https-only", ["TLSv1.2"])],
           # moto 5.2.5 accepts only an origin (not an origin group) as the default target.
           behavior("site", "redirect-to-https"), [behavior("api", "https-only", "/api/*")],
           groups=[{"Id": "site-ha", "FailoverCriteria": {"StatusCodes": {"Quantity": 3, "Items": [500, 502, 503]}},
                    "Members": {"Quantity": 2, "Items": [{"OriginId": "site"}, {"OriginId": "site-dr"}]}}],
           cert=dict(acm_cert, SSLSupportMethod="sni-only", MinimumProtocolVersion="TLSv1.2_2021"),
           waf=WEB_ACLS["acme-edge"], root="index.html",
           logging={"Enabled": True, "IncludeCookies": False, "Bucket": "acme-cloudtrail-logs.s3.amazonaws.com",
                    "Prefix": "cloudfront/www/"})
    # The legacy marketing site: its bucket is gone, HTTP allowed, SSLv3 to an origin, a dedicated
    # IP certificate with TLS 1.0, no WAF, no logs.
    create("acme-legacy-site", "legacy marketing site", [f"legacy.{DOMAIN}"],
           [s3_origin("old-site", "acme-old-marketing-site", oai="origin-access-identity/cloudfront/E127EXAMPLE51Z"),
            custom_origin("reports", f"reports.{DOMAIN}", "match-viewer", ["SSLv3", "TLSv1", "TLSv1.2"]),
            custom_origin("status", f"status.{DOMAIN}", "http-only", ["TLSv1.2"])],
           behavior("old-site", "allow-all"),
           [behavior("reports", "allow-all", "/reports/*"), behavior("status", "redirect-to-https", "/status/*")],
           cert=dict(acm_cert, SSLSupportMethod="vip", MinimumProtocolVersion="TLSv1"))
    create("acme-docs", "product docs", [], [s3_origin("docs", "acme-public-website", oac=oac)],
           behavior("docs", "redirect-to-https"), root="index.html")


@step("opensearch domains")
def _():
    os_ = c("opensearch")
    vpc = vpc_id(US, "acme-prod")
    os_.create_domain(
        DomainName="acme-search", EngineVersion="OpenSearch_2.13",
        ClusterConfig={"InstanceType": "r6g.large.search", "InstanceCount": 3, "DedicatedMasterEnabled": True,
                       "DedicatedMasterType": "m6g.large.search", "DedicatedMasterCount": 3,
                       "ZoneAwarenessEnabled": True, "ZoneAwarenessConfig": {"AvailabilityZoneCount": 2}},
        EBSOptions={"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": 100},
        EncryptionAtRestOptions={"Enabled": True},
        NodeToNodeEncryptionOptions={"Enabled": True},
        DomainEndpointOptions={"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"},
        AdvancedSecurityOptions={"Enabled": True, "InternalUserDatabaseEnabled": False,
                                 "MasterUserOptions": {"MasterUserARN": f"arn:aws:iam::{ACCOUNT}:role/acme-search-admin"}},
        VPCOptions={"SubnetIds": by_name(US, ["acme-prod-private-a", "acme-prod-private-b"]),
                    "SecurityGroupIds": [group_in(US, vpc, "db-sg")]},
        AccessPolicies=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/acme-search-app"},
            "Action": "es:ESHttp*", "Resource": f"arn:aws:es:{US}:{ACCOUNT}:domain/acme-search/*"}]}),
        LogPublishingOptions={
            "ES_APPLICATION_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn":
                                    f"arn:aws:logs:{US}:{ACCOUNT}:log-group:/aws/opensearch/acme-search/app"},
            "AUDIT_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn":
                           f"arn:aws:logs:{US}:{ACCOUNT}:log-group:/aws/opensearch/acme-search/audit"}},
        TagList=[{"Key": "team", "Value": "search"}])
    # Public, open to anyone, nothing encrypted, TLS 1.0, one node, only slow logs.
    os_.create_domain(
        DomainName="acme-logs-legacy", EngineVersion="OpenSearch_1.3",
        ClusterConfig={"InstanceType": "t3.small.search", "InstanceCount": 1, "DedicatedMasterEnabled": False,
                       "ZoneAwarenessEnabled": False},
        EBSOptions={"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": 100},
        EncryptionAtRestOptions={"Enabled": False}, NodeToNodeEncryptionOptions={"Enabled": False},
        DomainEndpointOptions={"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-0-2019-07"},
        AdvancedSecurityOptions={"Enabled": False, "InternalUserDatabaseEnabled": False},
        AccessPolicies=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*",
            "Resource": f"arn:aws:es:{US}:{ACCOUNT}:domain/acme-logs-legacy/*"}]}),
        LogPublishingOptions={"SEARCH_SLOW_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn":
                                                   f"arn:aws:logs:{US}:{ACCOUNT}:log-group:/aws/opensearch/acme-logs-legacy/slow"}})


@step("eks clusters")
def _():
    iam = c("iam")
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    roles = {n: iam.create_role(RoleName=f"{n}-cluster-role", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
             for n in ("acme-prod", "acme-dev")}
    # Secrets are encrypted with the data-lake key of seed_core.py.
    key = c("kms").describe_key(KeyId="alias/acme-data-lake")["KeyMetadata"]["Arn"]
    vpc = vpc_id(US, "acme-prod")
    subnets = by_name(US, ["acme-prod-private-a", "acme-prod-private-b"])
    eks = c("eks")
    eks.create_cluster(
        name="acme-prod", version="1.33", roleArn=roles["acme-prod"],
        resourcesVpcConfig={"subnetIds": subnets, "securityGroupIds": [group_in(US, vpc, "app-sg")],
                            "endpointPublicAccess": False, "endpointPrivateAccess": True},
        kubernetesNetworkConfig={"serviceIpv4Cidr": "172.20.0.0/16", "ipFamily": "ipv4"},
        logging={"clusterLogging": [{"types": ["api", "audit", "authenticator"], "enabled": True},
                                    {"types": ["controllerManager", "scheduler"], "enabled": False}]},
        encryptionConfig=[{"resources": ["secrets"], "provider": {"keyArn": key}}],
        tags={"team": "platform"})
    eks.create_cluster(
        name="acme-dev", version="1.29", roleArn=roles["acme-dev"],
        resourcesVpcConfig={"subnetIds": subnets, "securityGroupIds": [group_in(US, vpc, "app-sg")],
                            "endpointPublicAccess": True, "endpointPrivateAccess": True,
                            "publicAccessCidrs": ["0.0.0.0/0"]},
        kubernetesNetworkConfig={"serviceIpv4Cidr": "172.20.0.0/16", "ipFamily": "ipv4"},
        logging={"clusterLogging": [{"types": ["api"], "enabled": True},
                                    {"types": ["audit", "authenticator", "controllerManager", "scheduler"],
                                     "enabled": False}]},
        tags={"team": "platform"})
