package main

// A stand-in for the VMware HAProxy appliance's OVA (haproxytech/vmware-haproxy v0.2.0): the same OVF shape
// the construct deploys against, with a tiny disk and no guest. Written from the appliance's documented shape
// (its descriptor template is hack/image-build-ova.py at tag v0.2.0): networks Management, Workload and
// Frontend (the last in the `frontend` configuration only), deployment options `default` (the default) and
// `frontend`, the ProductSections `appliance`, `network` and `loadbalance` with the property keys the
// construct sets, the guestinfo transport, vmxnet3 NICs in OVF order, an lsilogic SCSI controller.

import (
	"archive/tar"
	"bytes"
	"fmt"
	"os"
	"strings"
)

const (
	ovaDescriptorName = "haproxy.ovf"
	ovaDiskName       = "haproxy-disk1.vmdk"
)

// ovaDisk stands in for the disk: the simulator's NFC upload reads the bytes and keeps none.
var ovaDisk = []byte("# Disk DescriptorFile\n# stand-in disk of the rehearsal's HAProxy OVA\n")

// ovaProperty is one vApp property of the appliance, as the OVF declares it.
type ovaProperty struct {
	key, typ, value, configuration string
	password                       bool
}

// ovaProducts are the appliance's user-configurable ProductSections (class → properties), in OVF order.
var ovaProducts = []struct {
	class      string
	properties []ovaProperty
}{
	{"appliance", []ovaProperty{
		{key: "root_pwd", typ: "string", password: true},
		{key: "permit_root_login", typ: "boolean", value: "true"},
		{key: "ca_cert", typ: "string"},
		{key: "ca_cert_key", typ: "string"},
	}},
	{"network", []ovaProperty{
		{key: "hostname", typ: "string", value: "haproxy.local"},
		{key: "nameservers", typ: "string", value: "1.1.1.1, 1.0.0.1"},
		{key: "management_ip", typ: "string"},
		{key: "management_gateway", typ: "string"},
		{key: "workload_ip", typ: "string"},
		{key: "workload_gateway", typ: "string"},
		{key: "additional_workload_networks", typ: "string"},
		{key: "frontend_ip", typ: "string", configuration: "frontend"},
		{key: "frontend_gateway", typ: "string", configuration: "frontend"},
	}},
	{"loadbalance", []ovaProperty{
		{key: "service_ip_range", typ: "string"},
		{key: "dataplane_port", typ: "int", value: "5556"},
		{key: "haproxy_user", typ: "string"},
		{key: "haproxy_pwd", typ: "string", password: true},
	}},
}

// ovaNetworks are the OVF networks in NIC order, with the deployment option each needs ("" = both).
var ovaNetworks = []struct{ name, configuration string }{
	{"Management", ""}, {"Workload", ""}, {"Frontend", "frontend"},
}

func ovaDescriptor() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:vmw="http://www.vmware.com/schema/ovf">
  <References>
    <File ovf:id="file1" ovf:href="%s" ovf:size="%d"/>
  </References>
  <DiskSection>
    <Info>Virtual disk information</Info>
    <Disk ovf:capacity="64" ovf:capacityAllocationUnits="byte * 2^20" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
  </DiskSection>
  <NetworkSection>
    <Info>The list of logical networks</Info>
`, ovaDiskName, len(ovaDisk))
	for _, n := range ovaNetworks {
		fmt.Fprintf(&b, "    <Network ovf:name=%q%s>\n      <Description>The %s network</Description>\n    </Network>\n", n.name, configurationAttr(n.configuration), n.name)
	}
	b.WriteString(`  </NetworkSection>
  <DeploymentOptionSection>
    <Info>Deployment options</Info>
    <Configuration ovf:id="default" ovf:default="true">
      <Label>Default</Label>
      <Description>Management and Workload NICs</Description>
    </Configuration>
    <Configuration ovf:id="frontend">
      <Label>Frontend Network</Label>
      <Description>Management, Workload and Frontend NICs</Description>
    </Configuration>
  </DeploymentOptionSection>
  <VirtualSystem ovf:id="haproxy">
    <Info>A stand-in for the HAProxy load balancer appliance (no guest)</Info>
    <Name>haproxy</Name>
    <OperatingSystemSection ovf:id="100" vmw:osType="other3xLinux64Guest">
      <Info>The operating system</Info>
    </OperatingSystemSection>
    <VirtualHardwareSection ovf:transport="com.vmware.guestInfo">
      <Info>Virtual hardware requirements</Info>
      <System>
        <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
        <vssd:InstanceID>0</vssd:InstanceID>
        <vssd:VirtualSystemIdentifier>haproxy</vssd:VirtualSystemIdentifier>
        <vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType>
      </System>
      <Item>
        <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>
        <rasd:ElementName>2 virtual CPU(s)</rasd:ElementName>
        <rasd:InstanceID>1</rasd:InstanceID>
        <rasd:ResourceType>3</rasd:ResourceType>
        <rasd:VirtualQuantity>2</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>
        <rasd:ElementName>4096MB of memory</rasd:ElementName>
        <rasd:InstanceID>2</rasd:InstanceID>
        <rasd:ResourceType>4</rasd:ResourceType>
        <rasd:VirtualQuantity>4096</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:Address>0</rasd:Address>
        <rasd:ElementName>SCSI Controller 0</rasd:ElementName>
        <rasd:InstanceID>3</rasd:InstanceID>
        <rasd:ResourceSubType>lsilogic</rasd:ResourceSubType>
        <rasd:ResourceType>6</rasd:ResourceType>
      </Item>
      <Item>
        <rasd:AddressOnParent>0</rasd:AddressOnParent>
        <rasd:ElementName>Hard Disk 1</rasd:ElementName>
        <rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>
        <rasd:InstanceID>4</rasd:InstanceID>
        <rasd:Parent>3</rasd:Parent>
        <rasd:ResourceType>17</rasd:ResourceType>
      </Item>
`)
	for i, n := range ovaNetworks {
		fmt.Fprintf(&b, `      <Item%s>
        <rasd:AddressOnParent>%d</rasd:AddressOnParent>
        <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
        <rasd:Connection>%s</rasd:Connection>
        <rasd:ElementName>Ethernet %d</rasd:ElementName>
        <rasd:InstanceID>%d</rasd:InstanceID>
        <rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>
        <rasd:ResourceType>10</rasd:ResourceType>
      </Item>
`, configurationAttr(n.configuration), i, n.name, i+1, 5+i)
	}
	b.WriteString("    </VirtualHardwareSection>\n")
	for _, p := range ovaProducts {
		fmt.Fprintf(&b, "    <ProductSection ovf:class=%q ovf:required=\"false\">\n      <Info>%s properties</Info>\n", p.class, p.class)
		for _, q := range p.properties {
			extra := configurationAttr(q.configuration)
			if q.password {
				extra += ` ovf:password="true"`
			}
			fmt.Fprintf(&b, "      <Property ovf:key=%q ovf:type=%q ovf:userConfigurable=\"true\" ovf:value=%q%s>\n        <Label>%s</Label>\n      </Property>\n", q.key, q.typ, q.value, extra, q.key)
		}
		b.WriteString("    </ProductSection>\n")
	}
	b.WriteString("  </VirtualSystem>\n</Envelope>\n")
	return b.String()
}

func configurationAttr(c string) string {
	if c == "" {
		return ""
	}
	return fmt.Sprintf(" ovf:configuration=%q", c)
}

// buildOva returns the OVA: a tar holding the descriptor first (as OVF 1.x requires), then the disk.
func buildOva() ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range []struct {
		name string
		data []byte
	}{{ovaDescriptorName, []byte(ovaDescriptor())}, {ovaDiskName, ovaDisk}} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(f.data))}); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeOva(path string) error {
	data, err := buildOva()
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
